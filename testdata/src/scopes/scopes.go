package scopes // want package:"exports"

// The story: a package exports a scope; its importers raise through it.

import "github.com/kerrlint/kerrlint/kerror"

var Storage = kerror.Wrap("services", "storage") // want Storage:"scope services.storage"

var Reassigned = kerror.Wrap("services", "storage")

func init() { Reassigned = kerror.Wrap("api", "assert") }
