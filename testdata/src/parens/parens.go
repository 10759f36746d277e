// want package:"defines app.cart.gone"

// Package parens writes every site twice, plainly and with the parentheses
// Go ignores (callees, arguments, selector bases, conversions, method
// expressions): each pair gives the same diagnostics, and nothing panics.
package parens

import (
	"errors"

	"github.com/kerrlint/kerrlint/kerror"
)

const typo = ("services.storage.not_fonud") // the fix rewrites the literal inside the parentheses

var storage = (kerror.Wrap("services", "storage")) // want storage:"scope services.storage"

var errGone = kerror.Define("app.cart.gone", 0x50010001, kerror.NotFoundError, "Cart %s is gone") // want errGone:"definition app.cart.gone"

func callees(cause error) {
	_ = kerror.New("services.storage.not_fund")                 // want `unknown error id "services.storage.not_fund"`
	_ = (kerror.New)("services.storage.not_fund")               // want `unknown error id "services.storage.not_fund"`
	_ = (kerror.New)(("services.storage.not_fund"))             // want `unknown error id "services.storage.not_fund"`
	_ = kerror.New(("services.storage.not_fund"))               // want `unknown error id "services.storage.not_fund"`
	_ = kerror.New((typo))                                      // want `unknown error id "services.storage.not_fonud"`
	_ = (kerror.Get)(("services"), ("storage"), ("not_founds")) // want `unknown error id "services.storage.not_founds"`
	_ = (kerror.NewFrom)((cause), "services.storage.not_fund")  // want `unknown error id "services.storage.not_fund"`

	_ = kerror.BadRequest("services.storage.not_found")   // want `services.storage.not_found is a NotFoundError, not a BadRequestError: use kerror.NotFound`
	_ = (kerror.BadRequest)("services.storage.not_found") // want `services.storage.not_found is a NotFoundError, not a BadRequestError: use kerror.NotFound`
}

// notFound raises through its Scope parameter, called in parentheses.
func notFound(s kerror.Scope) error { // want notFound:`raises id\(scope=0, "not_found"\) with 0 placeholders`
	return (s.Get)("not_found")
}

func scopes(cause error) {
	_ = storage.Get("not_foudn")                                  // want `unknown error id "services.storage.not_foudn"`
	_ = (storage.Get)("not_foudn")                                // want `unknown error id "services.storage.not_foudn"`
	_ = (storage).Get("not_foudn")                                // want `unknown error id "services.storage.not_foudn"`
	_ = ((storage).GetFrom)(cause, ("not_foudn"))                 // want `unknown error id "services.storage.not_foudn"`
	_ = (kerror.Wrap("services", "storage")).Get("not_foudn")     // want `unknown error id "services.storage.not_foudn"`
	_ = (kerror.Wrap)(("services"), ("storage")).Get("not_foudn") // want `unknown error id "services.storage.not_foudn"`
	_ = notFound(storage)
	_ = notFound(kerror.Wrap("services", "storag")) // want `unknown error subdomain "services.storag"`
	_ = ((kerror.Wrap("api", "asert")).Get)("x")    // want `unknown error subdomain "api.asert"`
	local := (kerror.Wrap("services", "storage"))
	_ = (local.Get)("not_foudn") // want `unknown error id "services.storage.not_foudn"`
}

func definitions() {
	_ = errGone.New()       // want `app.cart.gone takes 1 placeholder \(its message is "Cart %s is gone"\), got 0`
	_ = (errGone.New)()     // want `app.cart.gone takes 1 placeholder \(its message is "Cart %s is gone"\), got 0`
	_ = (errGone).New()     // want `app.cart.gone takes 1 placeholder \(its message is "Cart %s is gone"\), got 0`
	_ = (errGone.New)("c1") // the right count
}

func comparisons(err error) {
	var ke *kerror.Error
	if errors.As(err, &ke) && ke.ID == "security.token.unknown_usr" { // want `unknown error id "security.token.unknown_usr"`
		return
	}
	if errors.As(err, &ke) && (ke.ID) == ("security.token.unknown_usr") { // want `unknown error id "security.token.unknown_usr"`
		return
	}
	if ("security.token.unknown_usr") != ((ke).ID) { // want `unknown error id "security.token.unknown_usr"`
		return
	}
	switch ke.ID {
	case ("security.token.expird"): // want `unknown error id "security.token.expird"`
	}
	_ = kerror.Is(err, "security.token.expird")       // want `unknown error id "security.token.expird"`
	_ = (kerror.Is)((err), ("security.token.expird")) // want `unknown error id "security.token.expird"`
}

func literals() {
	_ = &kerror.Error{ID: "security.token.invlid"}                      // want `unknown error id "security.token.invlid"`
	_ = &(kerror.Error{ID: ("security.token.invlid")})                  // want `unknown error id "security.token.invlid"`
	_ = kerror.Error{ID: "services.storage.not_found", Status: 400}     // want `services.storage.not_found has status 404, not 400`
	_ = kerror.Error{ID: ("services.storage.not_found"), Status: (400)} // want `services.storage.not_found has status 404, not 400`
}

// fail is a wrapper whatever the parentheses in its body.
func fail(id string) error { // want fail:`raises id\(arg0\)`
	return (kerror.New)((id))
}

// code converts its parameter with a parenthesised type.
type code string

func failCode(id code) error { // want failCode:`raises id\(arg0\)`
	return kerror.New((string)(id))
}

func wrappers() {
	_ = fail("services.storage.not_fund")       // want `unknown error id "services.storage.not_fund"`
	_ = (fail)("services.storage.not_fund")     // want `unknown error id "services.storage.not_fund"`
	_ = failCode(("services.storage.not_fund")) // want `unknown error id "services.storage.not_fund"`
	raise := (kerror.New)
	_ = raise("services.storage.not_fund")   // want `unknown error id "services.storage.not_fund"`
	_ = (raise)("services.storage.not_fund") // want `unknown error id "services.storage.not_fund"`
}

func methodExpressions(cause error) {
	_ = kerror.Scope.Get(storage, "not_foudn")            // want `unknown error id "services.storage.not_foudn"`
	_ = (kerror.Scope.Get)((storage), ("not_foudn"))      // want `unknown error id "services.storage.not_foudn"`
	_ = kerror.Scope.GetFrom(storage, cause, "not_foudn") // want `unknown error id "services.storage.not_foudn"`
	_ = (*kerror.Definition).New(errGone)                 // want `app.cart.gone takes 1 placeholder \(its message is "Cart %s is gone"\), got 0`
	_ = ((*kerror.Definition).New)((errGone), "c1")       // the right count
}
