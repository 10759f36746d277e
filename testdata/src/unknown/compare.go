package unknown // want package:"raises errors"

// The story: ids compared with kerror.Is, ==, != and switch on the ID
// field; a non-constant id is checked nowhere without -strict.

import (
	"errors"

	"github.com/kerrlint/kerrlint/kerror"
)

func compare(err error, id string) { // want compare:`raises id\(arg1\)`
	if kerror.Is(err, "security.token.expird") { // want `unknown error id "security.token.expird"`
		return
	}
	var ke *kerror.Error
	if errors.As(err, &ke) && ke.ID == "security.token.unknown_usr" { // want `unknown error id "security.token.unknown_usr"; did you mean "security.token.unknown_user"\?`
		return
	}
	if "security.token.invalid" != ke.ID || ke.ID == "core.fatal.unexpected_eror" { // want `unknown error id "core.fatal.unexpected_eror"`
		return
	}
	switch ke.ID {
	case "security.token.invalid", "security.token.expried": // want `unknown error id "security.token.expried"`
	case id: // not a constant: not checked
	}
	_ = kerror.New(id)                    // not a constant: only -strict reports it
	_ = id == "services.storage.not_fund" // not an id position
}
