package unknown // want package:"raises errors"

import (
	"errors"

	"github.com/kerrlint/kerrlint/kerror"
	"ids"
)

const typo = "services.storage.not_fonud" // the fix rewrites this declaration

const prefix = "services.storage."

var storage = kerror.Wrap("services", "storage")

func raise(err error, cause error, id string) { // want raise:`raises id\(arg2\)`
	_ = kerror.New("services.storage.not_fund")                  // want `unknown error id "services.storage.not_fund"; did you mean "services.storage.not_found"\?`
	_ = kerror.New(typo)                                         // want `unknown error id "services.storage.not_fonud"`
	_ = kerror.NewFrom(cause, prefix+"nto_found")                // want `unknown error id "services.storage.nto_found"`
	_ = kerror.New(ids.Typo)                                     // want `unknown error id "services.storage.not_fuond"`
	_ = kerror.Get("services", ids.Storage, "not_founds")        // want `unknown error id "services.storage.not_founds"`
	_ = kerror.GetFrom(cause, "servics", "storage", "not_found") // want `unknown error id "servics.storage.not_found"`
	_ = kerror.Get("services", "cache", "not_found")             // want `unknown error id "services.cache.not_found"; did you mean "services.storage.not_found"\?`
	_ = storage.Get("not_foudn")                                 // want `unknown error id "services.storage.not_foudn"`
	_ = storage.GetFrom(cause, "unknown_indx")                   // want `unknown error id "services.storage.unknown_indx"; did you mean "services.storage.unknown_index"\?`
	local := kerror.Wrap("api", "asert")                         // want `unknown error subdomain "api.asert"; did you mean "api.assert"\?`
	_ = local.Get("anything")                                    // reported once, at the Wrap
	_ = kerror.Wrap("api", "assert").Get("missing_argumnt")      // want `unknown error id "api.assert.missing_argumnt"; did you mean "api.assert.missing_argument"\?`
	_ = kerror.NotFound("services.storage.no_such_thing_at_all") // want `unknown error id "services.storage.no_such_thing_at_all"$`
	_ = kerror.Error{ID: "security.token.invlid"}                // want `unknown error id "security.token.invlid"; did you mean "security.token.invalid"\?`
	_ = []*kerror.Error{{ID: "security.token.expird"}}           // want `unknown error id "security.token.expird"; did you mean "security.token.expired"\?`

	if kerror.Is(err, "security.token.expird") { // want `unknown error id "security.token.expird"`
		return
	}
	var ke *kerror.Error
	if errors.As(err, &ke) && ke.ID == "security.token.unknown_usr" { // want `unknown error id "security.token.unknown_usr"; did you mean "security.token.unknown_user"\?`
		return
	}
	if "security.token.invalid" != ke.ID || ke.ID == "core.fatal.unexpected_eror" { // want `unknown error id "core.fatal.unexpected_eror"`
		return
	}
	switch ke.ID {
	case "security.token.invalid", "security.token.expried": // want `unknown error id "security.token.expried"`
	case id: // not a constant: not checked
	}
	_ = kerror.New(id)                    // not a constant: only -strict reports it
	_ = id == "services.storage.not_fund" // not an id position
	_ = kerror.New(ids.NotFound)
}
