module example.com/shop

go 1.26.0

require github.com/kerrlint/kerrlint v0.0.0

require (
	golang.org/x/mod v0.42.0 // indirect
	golang.org/x/sync v0.24.0 // indirect
	golang.org/x/tools v0.52.0 // indirect
)

replace github.com/kerrlint/kerrlint => ../

tool github.com/kerrlint/kerrlint/cmd/kerrlint
