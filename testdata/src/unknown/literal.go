package unknown

// The story: ids written as literals, constants of this or another package,
// concatenations and Get's three parts; the fixes rewrite the literal, or
// the declaration of a constant of this package, never another package's.

import (
	"github.com/kerrlint/kerrlint/kerror"
	"ids"
)

const typo = "services.storage.not_fonud" // the fix rewrites this declaration

const prefix = "services.storage."

func literals(cause error) {
	_ = kerror.New("services.storage.not_fund")                  // want `unknown error id "services.storage.not_fund"; did you mean "services.storage.not_found"\?`
	_ = kerror.New(typo)                                         // want `unknown error id "services.storage.not_fonud"`
	_ = kerror.NewFrom(cause, prefix+"nto_found")                // want `unknown error id "services.storage.nto_found"`
	_ = kerror.New(ids.Typo)                                     // want `unknown error id "services.storage.not_fuond"`
	_ = kerror.Get("services", ids.Storage, "not_founds")        // want `unknown error id "services.storage.not_founds"`
	_ = kerror.GetFrom(cause, "servics", "storage", "not_found") // want `unknown error id "servics.storage.not_found"`
	_ = kerror.Get("services", "cache", "not_found")             // want `unknown error id "services.cache.not_found"; did you mean "services.storage.not_found"\?`
	_ = kerror.NotFound("services.storage.no_such_thing_at_all") // want `unknown error id "services.storage.no_such_thing_at_all"$`
	_ = kerror.Error{ID: "security.token.invlid"}                // want `unknown error id "security.token.invlid"; did you mean "security.token.invalid"\?`
	_ = []*kerror.Error{{ID: "security.token.expird"}}           // want `unknown error id "security.token.expird"; did you mean "security.token.expired"\?`
	_ = kerror.New(ids.NotFound)
}
