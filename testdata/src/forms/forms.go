// want package:"defines app.cart.gone"

// Package forms carries ids in the forms Go gives them beyond a string
// argument: the receiver of a method of an id type, a type parameter
// constrained by ~string, a helper comparing its parameter with an ID field,
// a local copy of the ID field, method values and method expressions. Each
// is followed as Go defines it; the variants Go does not pin down stay quiet.
package forms

import (
	"errors"
	"fmt"
	"os"

	"github.com/kerrlint/kerrlint/kerror"
)

// Code is an id; its methods raise and compare it.
type Code string

const NotFound Code = "services.storage.not_fund" // the fix rewrites this declaration

func (c Code) Err() error { // want Err:`raises id\(recv\) with 0 placeholders`
	return kerror.New(string(c))
}

func (c Code) Errf(args ...any) error { // want Errf:`raises id\(recv\) placeholders arg0...`
	return kerror.New(string(c), args...)
}

func (c Code) Is(err error) bool { // want Is:`compares id\(recv\)`
	return kerror.Is(err, string(c))
}

// Raise raises through another method of the receiver.
func (c Code) Raise() error { // want Raise:`raises id\(recv\) with 0 placeholders`
	return c.Err()
}

// Through converts its parameter twice on the way: still passed on unchanged.
func Through(id string) error { // want Through:`raises id\(arg0\) with 0 placeholders`
	return Code(string(id)).Err()
}

// Reassigned changes its receiver first: not an id passed on.
func (c Code) Reassigned() error {
	c = "services.storage.not_found"
	return kerror.New(string(c))
}

// Pointer's receiver is a pointer, not an id.
func (c *Code) Pointer() error { return kerror.New(string(*c)) }

func receivers(err error) {
	_ = Code("services.storage.not_fund").Err() // want `unknown error id "services.storage.not_fund"; did you mean "services.storage.not_found"\?`
	_ = Code("services.storage.not_found").Err()
	_ = NotFound.Err()                            // want `unknown error id "services.storage.not_fund"`
	_ = Code("services.storage.not_fund").Raise() // want `unknown error id "services.storage.not_fund"`
	_ = Code("services.storage.not_fund").Is(err) // want `unknown error id "services.storage.not_fund"`
	_ = Code("api.assert.missing_argument").Errf("a")
	_ = Code.Err("services.storage.not_fund") // want `unknown error id "services.storage.not_fund"`
	_ = Through("services.storage.not_fund")  // want `unknown error id "services.storage.not_fund"`
	_ = Code("services.storage.not_fund").Reassigned()
	c := Code("services.storage.not_fund")
	_ = c.Pointer()
	var r interface{ Err() error } = Code("services.storage.not_fund")
	_ = r.Err() // not followed: interface dispatch
}

// ID is a constraint of string types only.
type ID interface{ ~string }

func Fail[T ~string](id T) error { // want Fail:`raises id\(arg0\) with 0 placeholders`
	return kerror.New(string(id))
}

func FailID[T ID](id T, args ...any) error { // want FailID:`raises id\(arg0\) placeholders arg1...`
	return kerror.New(string(id), args...)
}

// Either's type parameter may be an int: not an id.
func Either[T ~string | ~int](id T) error {
	return kerror.New(fmt.Sprint(id))
}

func generics() {
	_ = Fail("services.storage.not_fund")                // want `unknown error id "services.storage.not_fund"`
	_ = Fail[Code]("services.storage.not_fund")          // want `unknown error id "services.storage.not_fund"`
	_ = Fail(NotFound)                                   // want `unknown error id "services.storage.not_fund"`
	_ = FailID[string]("services.storage.not_fund", "x") // want `unknown error id "services.storage.not_fund"`
	_ = Either("services.storage.not_fund")              // not followed: type parameters admitting non-strings
	f := Fail[string]
	_ = f("services.storage.not_fund") // not followed: generic function values
}

// HasID compares its parameter with the ID field, as kerror.Is does.
func HasID(err error, id string) bool { // want HasID:`compares id\(arg1\)`
	var ke *kerror.Error
	return errors.As(err, &ke) && ke.ID == id
}

// Among compares through a switch on a copy of the field.
func Among(err error, id string) bool { // want Among:`compares id\(arg1\)`
	var ke *kerror.Error
	if !errors.As(err, &ke) {
		return false
	}
	switch got := ke.ID; got {
	case id:
		return true
	}
	return false
}

// Longer compares its parameter with something else.
func Longer(err error, id string) bool {
	return err.Error() == id
}

func comparisons(err error) {
	_ = HasID(err, "security.token.expird") // want `unknown error id "security.token.expird"; did you mean "security.token.expired"\?`
	_ = HasID(err, "security.token.expired")
	_ = HasID(err, "")                      // the test for "no id"
	_ = Among(err, "security.token.expird") // want `unknown error id "security.token.expird"`
	_ = Longer(err, "security.token.expird")
}

func copies(err error) {
	var ke *kerror.Error
	if !errors.As(err, &ke) {
		return
	}
	if id := ke.ID; id == "security.token.unknown_usr" { // want `unknown error id "security.token.unknown_usr"; did you mean "security.token.unknown_user"\?`
		return
	}
	switch id := ke.ID; id {
	case "security.token.expird": // want `unknown error id "security.token.expird"`
	case "security.token.expired", "":
	}
	id := ke.ID
	again := id
	if again != "security.token.invlid" { // want `unknown error id "security.token.invlid"`
		return
	}
	changed := ke.ID
	if len(os.Args) > 2 {
		changed = os.Args[1]
	}
	if changed == "security.token.invlid" { // not followed: variables assigned more than once
		return
	}
	var later string
	later = ke.ID
	if later == "security.token.invlid" { // declared "" first: not a copy of the field
		return
	}
	addressed := ke.ID
	keep(&addressed)
	if addressed == "security.token.invlid" { // not followed: variables assigned more than once
		return
	}
}

func keep(*string) {}

var storage = kerror.Wrap("services", "storage") // want storage:"scope services.storage"

var errGone = kerror.Define("app.cart.gone", 0x50010001, kerror.NotFoundError, "Cart %s is gone") // want errGone:"definition app.cart.gone"

func methods(cause error) {
	get := storage.Get
	_ = get("not_foudn") // want `unknown error id "services.storage.not_foudn"; did you mean "services.storage.not_found"\?`
	getFrom := kerror.Wrap("api", "assert").GetFrom
	_ = getFrom(cause, "missing_argumnt") // want `unknown error id "api.assert.missing_argumnt"`
	byExpr := kerror.Scope.Get
	_ = byExpr(storage, "not_foudn")                      // want `unknown error id "services.storage.not_foudn"`
	_ = kerror.Scope.Get(storage, "not_foudn")            // want `unknown error id "services.storage.not_foudn"`
	_ = kerror.Scope.GetFrom(storage, cause, "not_foudn") // want `unknown error id "services.storage.not_foudn"`
	gone := errGone.New
	_ = gone() // want `app.cart.gone takes 1 placeholder`
	newGone := (*kerror.Definition).New
	_ = newGone(errGone) // want `app.cart.gone takes 1 placeholder`
	raise := Code("services.storage.not_fund").Err
	_ = raise() // want `unknown error id "services.storage.not_fund"`

	moved := storage
	moved = kerror.Wrap("api", "assert")
	getMoved := moved.Get
	_ = getMoved("not_foudn") // not followed: variables assigned more than once

	reassigned := storage.Get
	if len(os.Args) > 2 {
		reassigned = kerror.Wrap("api", "assert").Get
	}
	_ = reassigned("not_foudn") // not followed: variables assigned more than once
}
