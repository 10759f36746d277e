// Package recvwrapper exports a method whose string receiver is the id.
package recvwrapper

import "github.com/kerrlint/kerrlint/kerror"

// Code is an error id.
type Code string

// Err raises c.
func (c Code) Err() error { return kerror.New(string(c)) }
