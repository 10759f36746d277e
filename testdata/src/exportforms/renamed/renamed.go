// Package renamed exports a wrapper of an imported wrapper, imported under another name.
package renamed

import w "exportforms/recvwrapper"

// Fail raises id.
func Fail(id string) error { return w.Code(id).Err() }
