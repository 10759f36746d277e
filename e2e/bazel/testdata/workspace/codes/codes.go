// Package codes holds the shop's Kuzzle error codes (domain shop).
package codes

import (
	"embed"

	"github.com/kerrlint/kerrlint/kerror"
	"github.com/kerrlint/kerrlint/registry"
)

// FS holds the registry files, N-domain.json as Kuzzle names them.
//
//go:embed *.json
var FS embed.FS

// Install merges the shop's codes over the registry in use.
func Install() error {
	r, err := registry.LoadFS(FS, ".")
	if err != nil {
		return err
	}
	return kerror.Install(r)
}
