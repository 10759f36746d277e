package unknown

// The story: scopes made by kerror.Wrap, package-level or local; an unknown
// subdomain is reported once, at the Wrap.

import "github.com/kerrlint/kerrlint/kerror"

var storage = kerror.Wrap("services", "storage") // want storage:"scope services.storage"

func scopes(cause error) {
	_ = storage.Get("not_foudn")                            // want `unknown error id "services.storage.not_foudn"`
	_ = storage.GetFrom(cause, "unknown_indx")              // want `unknown error id "services.storage.unknown_indx"; did you mean "services.storage.unknown_index"\?`
	local := kerror.Wrap("api", "asert")                    // want `unknown error subdomain "api.asert"; did you mean "api.assert"\?`
	_ = local.Get("anything")                               // reported once, at the Wrap
	_ = kerror.Wrap("api", "assert").Get("missing_argumnt") // want `unknown error id "api.assert.missing_argumnt"; did you mean "api.assert.missing_argument"\?`
}
