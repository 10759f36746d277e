// want package:"raises errors"

// Package clean uses every form of the kerror API correctly: kerrlint,
// even with -strict, reports nothing here.
package clean

import (
	"errors"
	"net/http"

	"github.com/kerrlint/kerrlint/kerror"
	. "github.com/kerrlint/kerrlint/kerror"
	"ids"
)

const (
	domain   = "services"
	notFound = domain + ".storage.not_found"
)

var storage = kerror.Wrap(domain, ids.Storage)

var known = []kerror.Error{
	{ID: notFound, Code: 0x0101000b, Status: http.StatusNotFound, Class: kerror.NotFoundError},
	{ID: "security.token.invalid", Code: 0x07010001, Status: 401, Class: UnauthorizedError},
}

func raise(err, cause error) error {
	local := kerror.Wrap("api", "assert")
	switch {
	case kerror.Is(err, notFound), kerror.Is(err, ids.NotFound):
		return kerror.New(notFound, "index", "collection", "id")
	case errors.Is(err, cause):
		return kerror.NewFrom(cause, "core.fatal.unexpected_error")
	}
	_ = kerror.Get("services", "storage", "not_found")
	_ = kerror.GetFrom(cause, domain, ids.Storage, "unknown_index", "idx")
	_ = storage.Get("not_found")
	_ = storage.GetFrom(cause, "unknown_collection", "c")
	_ = local.Get("missing_argument", "foo")
	_ = kerror.Wrap("api", "assert").Get("empty_argument")
	_ = kerror.NotFound(notFound)
	_ = NotFound("services.storage.not_found")
	_ = kerror.BadRequest("api.assert.missing_argument")
	_ = kerror.Internal("core.fatal.unexpected_error")
	_ = &kerror.Error{ID: "core.fatal.unexpected_error"}
	_ = map[string]*kerror.Error{"x": {ID: "security.token.expired", Status: 401}}
	var ke *kerror.Error
	if errors.As(err, &ke) {
		switch ke.ID {
		case notFound, "security.token.invalid":
			return ke
		}
		if ke.ID == "security.token.expired" || "security.token.invalid" != ke.ID {
			return ke
		}
	}
	return nil
}
