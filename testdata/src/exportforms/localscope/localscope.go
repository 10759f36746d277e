// Package localscope exports a wrapper raising through a local scope.
package localscope

import "github.com/kerrlint/kerrlint/kerror"

// Fail raises name in the storage scope.
func Fail(name string) error {
	s := kerror.Wrap("services", "storage")
	return s.Get(name)
}
