// want package:"raises errors"

// Package facadeuser raises through its service's facade only.
package facadeuser

import (
	"facade"
)

var storage = facade.Wrap("services", "storage") // want storage:"scope services.storage"

var auth = facade.Wrap("security", "tokn") // want auth:"scope security.tokn" `unknown error subdomain "security.tokn"; did you mean "security.token"\?`

func raises(err error) {
	_ = facade.New("services.storage.not_fund") // want `unknown error id "services.storage.not_fund"; did you mean "services.storage.not_found"\?`
	_ = facade.New("api.assert.missing_argument", "a")
	_ = storage.Get("not_foudn") // want `unknown error id "services.storage.not_foudn"`
	_ = storage.Get("not_found")
	_ = auth.Get("anything")                                // reported once, at the Wrap
	_ = facade.Wrap("api", "assert").Get("missing_argumnt") // want `unknown error id "api.assert.missing_argumnt"`
	_ = facade.Storage().Get("not_foudn")                   // want `unknown error id "services.storage.not_foudn"`
	_ = facade.Chosen(true).Get("not_foudn")                // not followed: a Scope from several returns
	_ = facade.Lower("x", "storage").Get("not_foudn")
	_ = facade.Is(err, "security.token.expird") // want `unknown error id "security.token.expird"`
	var s facade.Scope = facade.Wrap("services", "storage")
	_ = s.Get("not_foudn") // want `unknown error id "services.storage.not_foudn"`
}
