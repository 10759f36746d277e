// Package onwards exports a wrapper of an imported wrapper, without importing kerror.
package onwards

import "exportforms/wrapper"

// Fail raises id.
func Fail(id string) error { return wrapper.Fail(id) }
