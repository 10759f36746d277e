package installuser // want package:"exports"

// The story: importing the installing package makes its registry visible.

import (
	"installer"

	"github.com/kerrlint/kerrlint/kerror"
)

func Pay(card string) error {
	if err := installer.Charge(card); err != nil {
		return err
	}
	_ = kerror.BadRequest("billing.card.declined", card)
	return kerror.NotFound("billing.card.declined", card) // want `billing.card.declined is a BadRequestError, not a NotFoundError`
}
