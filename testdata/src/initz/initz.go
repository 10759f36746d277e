package initz // want package:"installs a registry"

// The story: "swap in my Kuzzle's codes" — this package replaces the
// registry in use, in init.

import (
	"embed"

	"github.com/kerrlint/kerrlint/kerror"
)

//go:embed codes
var codes embed.FS

func init() {
	if err := kerror.UseFS(codes, "codes"); err != nil {
		panic(err)
	}
}

// Use makes importers use this package.
var Use = 1
