package installgiven // want package:"installs a registry"

// Package installgiven installs files the analyzer is not given (as under
// Bazel's nogo, whose sandbox holds no embedded files): with
// Settings.RegistryFS set, the install is taken to merge that registry.

import (
	"embed"

	"github.com/kerrlint/kerrlint/kerror"
)

//go:embed codes
var codes embed.FS

func init() { _ = kerror.InstallFS(codes, "codes") }

var (
	_ = kerror.NotFound("shop.cart.item_missing", "i", "c")
	_ = kerror.New("shop.cart.item_mising", "i", "c") // want `unknown error id "shop.cart.item_mising"; did you mean "shop.cart.item_missing"\?`
)
