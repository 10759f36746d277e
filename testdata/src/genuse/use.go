// want package:"raises errors"

package genuse

import (
	"genids"

	"github.com/kerrlint/kerrlint/kerror"
)

// Constants of another package, as any constant.
func raise() {
	_ = kerror.BadRequest(genids.GenCartKept, "c") // want `gen.cart.kept is a NotFoundError, not a BadRequestError: use kerror.NotFound`
	_ = kerror.Precondition(genids.GenCartReclassed, "x")
	_ = kerror.New(genids.GenCartRemoved) // want `unknown error id "gen.cart.removed"`
	if kerror.Is(nil, genids.GenCartUndeprecated) {
		_ = kerror.NotFound(genids.GenCartDeprecatedNow, "x") // want `gen.cart.deprecated_now is deprecated since 2.0`
	}
}
