package mismatch // want package:"raises errors"

import (
	"net/http"

	"github.com/kerrlint/kerrlint/kerror"
	ke "github.com/kerrlint/kerrlint/kerror"
)

func typed() {
	_ = kerror.BadRequest("services.storage.not_found") // want `services.storage.not_found is a NotFoundError, not a BadRequestError: use kerror.NotFound`
	_ = ke.Internal("api.assert.missing_argument")      // want `api.assert.missing_argument is a BadRequestError, not an InternalError: use kerror.BadRequest`
	_ = kerror.NotFound("services.storage.not_found")
	_ = kerror.BadRequest("api.assert.missing_argument")
}

var literals = []*kerror.Error{
	{ID: "services.storage.not_found", Class: kerror.BadRequestError}, // want `services.storage.not_found is a NotFoundError, not a BadRequestError`
	{ID: "services.storage.not_found", Class: ke.InternalError},       // want `services.storage.not_found is a NotFoundError, not an InternalError`
	{ID: "services.storage.not_found", Class: "PartialError"},         // want `services.storage.not_found is a NotFoundError, not a PartialError`
	{ID: "services.storage.not_found", Status: 400},                   // want `services.storage.not_found has status 404, not 400`
	{ID: "services.storage.not_found", Status: http.StatusBadRequest}, // want `services.storage.not_found has status 404, not 400`
	{ID: "services.storage.not_found", Code: 0x0101000c},              // want `services.storage.not_found has code 0x0101000b, not 0x0101000c, which belongs to services.storage.bootstrap_timeout`
	{ID: "services.storage.not_found", Code: 0x0101fffe},              // want `services.storage.not_found has code 0x0101000b, not 0x0101fffe$`
	{ID: "services.storage.not_found", Code: 0x0101000b, Status: 404, Class: kerror.NotFoundError},
}

var byName = map[string]kerror.Error{
	"expired": {ID: "security.token.expired", Class: kerror.ForbiddenError}, // want `security.token.expired is an UnauthorizedError, not a ForbiddenError`
}
