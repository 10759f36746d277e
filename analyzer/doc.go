// Package analyzer defines an Analyzer that checks Go code raising errors
// from a Kuzzle-style error-code registry.
//
// # Analyzer kerrlint
//
// kerrlint: check error ids, classes, statuses and codes against the registry
//
// Services that speak Kuzzle's error protocol raise errors by id
// (services.storage.not_found); each id is registered with a 32-bit code,
// a class and an HTTP status. A mistyped id silently degrades to
// core.fatal.unexpected_error at run time. kerrlint checks every raise site
// of package github.com/kerrlint/kerrlint/kerror against the embedded Kuzzle
// 1.12 registry, merged with the files given by -registry.
//
// Ids are resolved from constant expressions of any form (literals, named
// constants from any package, concatenations), from the three parts of
// kerror.Get, and from the kerror.Wrap(...) initialiser of a Scope variable
// assigned once. An id that is not a compile-time constant is not checked.
//
// Raise sites are kerror.New, NewFrom, Get, GetFrom, Scope.Get,
// Scope.GetFrom, the typed constructors (kerror.NotFound, ...), kerror.Error
// literals; id comparisons are kerror.Is and ==, != and switch on the ID
// field of a kerror.Error.
//
// # unknown-id
//
// An id no registry defines, at every raise site and every id comparison.
// Each diagnostic offers one fix per nearby registered id, best first,
// rewriting the string literal or the declaration of the constant in the
// current package. A kerror.Wrap whose domain.subdomain does not exist is
// reported once, at the Wrap call.
//
// # class-mismatch
//
// A typed constructor, or the Class of a kerror.Error literal, that
// disagrees with the registered class. The fix names the right constructor
// or class constant.
//
// # status-mismatch
//
// The Status of a kerror.Error literal that disagrees with the registry.
//
// # code-mismatch
//
// The Code of a kerror.Error literal that disagrees with the registry; when
// the code belongs to another id, the message names it.
//
// # placeholder-count
//
// A raise passing a number of placeholders different from the number of %s
// in the registered message. Only registries with messages (Kuzzle's JSON
// sources) know it; the embedded registry has none. Calls spreading a slice
// (args...) are not checked.
//
// # deprecated-id
//
// Raising an id the registry marks deprecated.
//
// # dynamic-id
//
// With -strict only: a raise site or kerror.Is whose id is not a
// compile-time constant, so that kerrlint cannot check it.
//
// # unused-ignore
//
// A //kerrlint:ignore REASON comment suppresses kerrlint's diagnostics on its
// own line and on the next one. One that suppresses nothing is reported,
// with a fix that removes it.
//
// # invalid-directive
//
// A //kerrlint:ignore without a reason.
package analyzer
