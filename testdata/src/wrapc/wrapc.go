// want package:"raises errors"

// Package wrapc calls the wrappers of wrapa and wrapb.
package wrapc

import (
	"github.com/kerrlint/kerrlint/kerror"
	"wrapa"
	"wrapb"
)

var storage = kerror.Wrap("services", "storage") // want storage:"scope services.storage"

func use(s *wrapb.Service, err error) {
	_ = wrapb.Fail("services.storage.not_fund") // want `unknown error id "services.storage.not_fund"; did you mean "services.storage.not_found"\?`
	_ = wrapb.Fail("services.storage.not_found")
	_ = s.Fail(1, "services.storage.nto_found") // want `unknown error id "services.storage.nto_found"`
	_ = s.Fail(1, "services.storage.not_found")
	_ = wrapa.Raise("security.token.expird", 1, 2) // want `unknown error id "security.token.expird"`
	_ = wrapa.Storage("not_foudn")                 // want `unknown error id "services.storage.not_foudn"`
	_ = wrapa.Storage("not_found")
	_ = wrapa.InScope(storage, "unknown_indx")                         // want `unknown error id "services.storage.unknown_indx"`
	_ = wrapa.InScope(kerror.Wrap("services", "storage"), "not_found") //
	_ = wrapa.InScope(kerror.Wrap("api", "assert"), "missing_argumnt") // want `unknown error id "api.assert.missing_argumnt"`
	_ = wrapa.Missing("api.assert.missing_argument")                   // want `api.assert.missing_argument is a BadRequestError, not a NotFoundError as Missing asserts`
	_ = wrapa.Matches(err, "security.token.expried")                   // want `unknown error id "security.token.expried"`
	_ = wrapa.Trimmed("services.storage.not_fund")                     // not a wrapper: not checked
	_ = wrapa.Pointer("services.storage.not_fund")                     // not a wrapper: not checked
	_ = wrapa.Constant("services.storage.not_fund")                    // not a wrapper: not checked
}
