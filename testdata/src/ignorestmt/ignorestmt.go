package ignorestmt

import "github.com/kerrlint/kerrlint/kerror"

// multiLine: an ignore on the line above a statement covers all of it, and
// only it.
func multiLine() error {
	//kerrlint:ignore the gateway still sends this id
	_ = kerror.New(
		"services.storage.not_fund",
	)
	_ = kerror.New("services.storage.not_fund") // want `unknown error id`
	//kerrlint:ignore unknown-id the gateway still sends this id
	return kerror.Get(
		"services",
		"storage",
		"not_fund",
	)
}

//kerrlint:ignore a function is covered to its opening brace only // want `this //kerrlint:ignore suppresses no diagnostic`
func function() {
	_ = kerror.New("services.storage.not_fund") // want `unknown error id`
}

func compound(ok bool) {
	//kerrlint:ignore an if statement is covered to its opening brace only // want `this //kerrlint:ignore suppresses no diagnostic`
	if ok {
		_ = kerror.New("services.storage.not_fund") // want `unknown error id`
	}
}

// reasons: a first word in kebab-case that names no check is a reason.
func reasons() {
	//kerrlint:ignore third-party code sends this id
	_ = kerror.New("services.storage.not_fund")
	//kerrlint:ignore read-only mirror of the v1 API
	_ = kerror.New("services.storage.not_fund")
	//kerrlint:ignore unknown-idd a typo of a check // want `//kerrlint:ignore names an unknown check unknown-idd; did you mean unknown-id\?`
	_ = kerror.New("services.storage.not_fund") // want `unknown error id`
	//kerrlint:ignore unknown-id,placeholder-cont a list with a typo // want `//kerrlint:ignore names an unknown check placeholder-cont; did you mean placeholder-count\?`
	_ = kerror.New("services.storage.not_fund") // want `unknown error id`
	//kerrlint:ignore deprecated-id,third-party a list naming no check // want `//kerrlint:ignore names an unknown check third-party \(kerrlint help lists the checks\)`
	_ = kerror.New("services.storage.not_fund") // want `unknown error id`
}

// unknown directives are reported, with the nearest.
func unknown() {
	//kerrlint:ingore a misspelt ignore // want `unknown directive //kerrlint:ingore; did you mean //kerrlint:ignore\?`
	_ = kerror.New("services.storage.not_fund") // want `unknown error id`
	//kerrlint:idd // want `unknown directive //kerrlint:idd; did you mean //kerrlint:id\?`
	//kerrlint:suppress-everything // want `unknown directive //kerrlint:suppress-everything \(directives: //kerrlint:ignore, //kerrlint:file-ignore, //kerrlint:id, //kerrlint:error\)`
}
