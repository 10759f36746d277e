package mismatch // want package:"raises errors"

// The story: the Class of an error literal, as a kerror constant (through
// any import name) or a string; the fix keeps the spelling.

import (
	"github.com/kerrlint/kerrlint/kerror"
	ke "github.com/kerrlint/kerrlint/kerror"
)

var classes = []*kerror.Error{
	{ID: "services.storage.not_found", Class: kerror.BadRequestError}, // want `services.storage.not_found is a NotFoundError, not a BadRequestError`
	{ID: "services.storage.not_found", Class: ke.InternalError},       // want `services.storage.not_found is a NotFoundError, not an InternalError`
	{ID: "services.storage.not_found", Class: "PartialError"},         // want `services.storage.not_found is a NotFoundError, not a PartialError`
	{ID: "services.storage.not_found", Code: 0x0101000b, Status: 404, Class: kerror.NotFoundError},
}

var byName = map[string]kerror.Error{
	"expired": {ID: "security.token.expired", Class: kerror.ForbiddenError}, // want `security.token.expired is an UnauthorizedError, not a ForbiddenError`
}
