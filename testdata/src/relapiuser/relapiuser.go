// want package:"raises errors"

// Package relapiuser imports kerror only through relapi's API: it is
// relevant, and its comparison of a kerror.Error's ID is checked.
package relapiuser

import "relapi"

// NotFound reports whether the last error is services.storage.not_found.
func NotFound() bool {
	return relapi.Last().Err.ID == "services.storage.not_fund" // want `unknown error id "services.storage.not_fund"`
}
