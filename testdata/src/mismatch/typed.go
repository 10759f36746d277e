package mismatch

// The story: a typed constructor asserts a class; the fix names the right
// constructor, in the file's own spelling of the package.

import (
	"github.com/kerrlint/kerrlint/kerror"
	ke "github.com/kerrlint/kerrlint/kerror"
)

func typed() {
	_ = kerror.BadRequest("services.storage.not_found") // want `services.storage.not_found is a NotFoundError, not a BadRequestError: use kerror.NotFound`
	_ = ke.Internal("api.assert.missing_argument")      // want `api.assert.missing_argument is a BadRequestError, not an InternalError: use kerror.BadRequest`
	_ = kerror.NotFound("services.storage.not_found")
	_ = kerror.BadRequest("api.assert.missing_argument")
}
