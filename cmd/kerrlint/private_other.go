//go:build !unix

package main

// privateDir reports no private directory where ownership cannot be
// checked: every go vet process then prints the registry's problems.
func privateDir() (string, bool) { return "", false }
