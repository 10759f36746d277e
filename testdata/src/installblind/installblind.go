package installblind // want package:"raises errors"

// The story: a package that does not import the installer does not see its
// registry — nor would its own tests at run time.

import "github.com/kerrlint/kerrlint/kerror"

func Pay(card string) error {
	return kerror.New("billing.card.declined", card) // want `unknown error id "billing.card.declined"`
}
