// want package:"exports"

// Package wrapb wraps wrapa's wrappers, through a function and a method.
package wrapb

import "wrapa"

// Fail wraps a wrapper.
func Fail(id string) error { // want Fail:`raises id\(arg0\) with 0 placeholders$`
	return wrapa.Raise(id)
}

// Service raises errors through a method.
type Service struct{ name string }

// Fail wraps a wrapper of a wrapper, as a method.
func (s *Service) Fail(code int, id string) error { // want Fail:`raises id\(arg1\)`
	return failLater(id)
}

// failLater is declared after its caller: inference does not depend on order.
func failLater(id string) error { // want failLater:`raises id\(arg0\)`
	return Fail(id)
}
