// want package:"exports"

// Package facade is a service's own errors package: it wraps kerror under
// the same names, and its importers raise through it alone.
package facade

import "github.com/kerrlint/kerrlint/kerror"

// Scope is kerror's, under the facade's name.
type Scope = kerror.Scope

func New(id string, placeholders ...any) error { // want New:`raises id\(arg0\) placeholders arg1...`
	return kerror.New(id, placeholders...)
}

func Wrap(domain, subdomain string) Scope { // want Wrap:`scope\(arg0, arg1\)`
	return kerror.Wrap(domain, subdomain)
}

func Is(err error, id string) bool { // want Is:`compares id\(arg1\)`
	return kerror.Is(err, id)
}

// Storage is a fixed scope.
func Storage() kerror.Scope { // want Storage:`scope\("services", "storage"\)`
	return Wrap("services", "storage")
}

// Deferred returns the result of a closure returning the scope.
func Deferred(domain, subdomain string) kerror.Scope { // want Deferred:`scope\(arg0, arg1\)`
	return func() kerror.Scope { return kerror.Wrap(domain, subdomain) }()
}

// Chosen returns one of two scopes: not a fixed one.
func Chosen(admin bool) kerror.Scope {
	if admin {
		return kerror.Wrap("security", "rights")
	}
	return kerror.Wrap("security", "token")
}

// Lower changes its parameter first: not passed on unchanged.
func Lower(domain, subdomain string) kerror.Scope {
	domain = "api"
	return kerror.Wrap(domain, subdomain)
}

func local() {
	_ = Wrap("api", "asert")             // want `unknown error subdomain "api.asert"; did you mean "api.assert"\?`
	_ = Wrap("api", "assert").Get("x")   // want `unknown error id "api.assert.x"`
	_ = Storage().Get("not_foudn")       // want `unknown error id "services.storage.not_foudn"`
	_ = New("services.storage.not_fund") // want `unknown error id "services.storage.not_fund"`
}
