package mismatch

// The story: the Status of an error literal; a number stays a number and
// net/http's constant stays a constant.

import (
	"net/http"

	"github.com/kerrlint/kerrlint/kerror"
)

var statuses = []*kerror.Error{
	{ID: "services.storage.not_found", Status: 400},                   // want `services.storage.not_found has status 404, not 400`
	{ID: "services.storage.not_found", Status: http.StatusBadRequest}, // want `services.storage.not_found has status 404, not 400`
}
