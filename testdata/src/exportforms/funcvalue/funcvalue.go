// Package funcvalue exports a function raising through a method value of a scope.
package funcvalue

import "github.com/kerrlint/kerrlint/kerror"

var storage = kerror.Wrap("services", "storage")

// Fail raises name in the storage scope.
func Fail(name string) error {
	get := storage.Get
	return get(name)
}
