// want package:"defines shop.cart.gone"

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

var storage = kerror.Wrap(domain, ids.Storage) // want storage:"scope services.storage"

// ErrCartGone is defined here.
var ErrCartGone = kerror.Define("shop.cart.gone", 0x40010001, kerror.NotFoundError, "Cart %s is gone") // want ErrCartGone:"definition shop.cart.gone"

// fail is a wrapper.
func fail(id string, args ...any) error { return kerror.New(id, args...) } // want fail:`raises id\(arg0\) placeholders arg1\.\.\.$`

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
	_ = fail("services.storage.not_found")
	_ = ErrCartGone.New("c1")
	_ = kerror.NotFound("shop.cart.gone", "c2")
	_ = kerror.Wrap("shop", "cart").Get("gone", "c3")
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
		case "":
		case notFound, "security.token.invalid":
			return ke
		}
		if ke.ID == "" || ke.ID == "security.token.expired" || "security.token.invalid" != ke.ID {
			return ke
		}
	}
	return nil
}
