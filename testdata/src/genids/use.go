package genids

import "github.com/kerrlint/kerrlint/kerror"

// Raises through the generated constants are checked as through any constant.
func raise() {
	_ = kerror.NotFound(GenCartKept, "c")
	_ = kerror.BadRequest(GenCartKept, "c") // want `gen.cart.kept is a NotFoundError, not a BadRequestError: use kerror.NotFound`
	_ = kerror.New(GenCartRemoved)          // want `unknown error id "gen.cart.removed"`
	_ = kerror.Is(nil, GenCartRecoded)
	_ = kerror.New(GenCartDeprecatedNow, "x") // want `gen.cart.deprecated_now is deprecated since 2.0`
	_ = kerror.New(GenCartKept, "a", "b")     // want `gen.cart.kept takes 1 placeholder`
	_ = kerror.New(handRemoved)               // want `unknown error id "gen.cart.removed"`
}
