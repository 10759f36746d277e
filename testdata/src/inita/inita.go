package inita // want package:"exports"

// The story: a package importing the one that swaps the registry.

import (
	"initz"

	"github.com/kerrlint/kerrlint/kerror"
)

var _ = initz.Use

func Find(id string) error { return kerror.New("services.storage.not_found", id) }
