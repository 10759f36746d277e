// want package:"exports"

// Package directives declares its own error type and raising function,
// without importing kerror.
package directives

// Failure is this service's error.
//
//kerrlint:error id=Kind code=Number status=HTTP class=Type
type Failure struct { // want Failure:"error type id=Kind code=Number status=HTTP class=Type"
	Kind   string
	Number uint32
	HTTP   int
	Type   string
}

// Fail raises kind.
//
//kerrlint:id kind
func Fail(kind string, detail ...any) *Failure { // want Fail:`raises id\(arg0\)`
	return &Failure{Kind: kind}
}

//kerrlint:error id=Name
type bad1 struct{ Kind string } // want `//kerrlint:error: bad1 has no field "Name"`

//kerrlint:error id=Kind color=Red
type bad2 struct{ Kind string } // want `unknown key "color"`

//kerrlint:error id=Kind
type bad3 struct{ Kind int } // want `id field Kind is not a string`

//kerrlint:error code=Kind
type bad4 struct{ Kind int } // want `needs id=FIELD`

//kerrlint:id name
func bad5(id string) {} // want `//kerrlint:id names name, but bad5 has no parameter name`

//kerrlint:id n
func bad6(n int) {} // want `names n, which is not a string`

//kerrlint:error id=Kind
type notStruct string // want `//kerrlint:error applies to struct types`

//kerrlint:id
func noName(id string) {} // want `//kerrlint:id needs a parameter name`

func use(f *Failure) {
	_ = Fail("services.storage.not_fund") // want `unknown error id "services.storage.not_fund"`
	_ = Fail("services.storage.not_found", 1)
	_ = Failure{Kind: "services.storage.not_found", Number: 0x0101000b, HTTP: 404, Type: "NotFoundError"}
	_ = Failure{Kind: "services.storage.not_found", HTTP: 400}          // want `has status 404, not 400`
	_ = Failure{Kind: "services.storage.not_found", Type: "Internal"}   // want `is a NotFoundError, not an Internal`
	_ = Failure{Kind: "services.storage.not_found", Number: 0x0101000c} // want `has code 0x0101000b, not 0x0101000c`
	if f.Kind == "security.token.expird" {                              // want `unknown error id "security.token.expird"`
		return
	}
	switch f.Kind {
	case "security.token.invalid", "security.token.unknwon_user": // want `unknown error id "security.token.unknwon_user"`
	}
}
