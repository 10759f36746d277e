package initvaluesuser // want package:"exports"

// The story: importing a package that defines or installs through function
// values makes every id possible.

import (
	"initvalues"

	"github.com/kerrlint/kerrlint/kerror"
)

func Pay(card string) error {
	if err := initvalues.Pay(card); err != nil {
		return err
	}
	return kerror.New("billing.card.declined", card) // not followed: Define and installs through function values
}
