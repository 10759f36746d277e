package initapp // want package:"exports"

// The story: app imports inita (which imports initz) and initb. Go
// initializes initb before initz (sorted by path, among the packages whose
// imports are initialized), so initz's UseFS replaces the registry initb
// installed: billing.card.declined falls back to core.fatal.unexpected_error
// at run time, and so does everything else the embedded registry had.

import (
	"inita"
	"initb"

	"github.com/kerrlint/kerrlint/kerror"
)

func Pay(card string) error {
	if err := inita.Find(card); err != nil {
		return err
	}
	_ = initb.Charge(card)
	_ = kerror.New("services.storage.not_found", card)
	_ = kerror.New("security.token.invalid")                // want `unknown error id "security.token.invalid" \(registered until the registry was replaced by initz at .*initz.go:16:12\)`
	return kerror.BadRequest("billing.card.declined", card) // want `unknown error id "billing.card.declined" \(registered until the registry was replaced by initz at .*initz.go:16:12\)`
}
