package bodies // want package:"raises errors"

// The story: placeholders are counted as Kuzzle's kerror (and the Go
// runtime) consume them. The last placeholder of a PartialError or a
// MultipleErrorsError is its body; a trailing kerror.WithMessage replaces
// the message; a name that is not constant still needs its domain and
// subdomain to exist. The messages come from testdata/registries/batch,
// modelled on Kuzzle 2.56's api.process and services.storage.

import "github.com/kerrlint/kerrlint/kerror"

func pick() string { return "get" }

func raise(errs []error) {
	// Kuzzle's own call: one placeholder, then the body.
	_ = kerror.Get("batch", "process", "incomplete_multiple_request", "get", errs)
	_ = kerror.Get("batch", "storage", "incomplete_delete", "2 of 3", errs)

	_ = kerror.Get("batch", "storage", "incomplete_delete", errs)          // want `batch.storage.incomplete_delete takes 1 placeholder and then the body \(its message is "Couldn't delete all the requested documents: %s"\), got 0 and the body`
	_ = kerror.Get("batch", "storage", "incomplete_delete")                // want `batch.storage.incomplete_delete is a PartialError: it takes 1 placeholder and then the body \(errors, count\), got neither`
	_ = kerror.Partial("batch.storage.incomplete_delete", "x", errs, errs) // want `takes 1 placeholder and then the body .*got 2 and the body`
	_ = kerror.New("batch.process.not_allowed", "get")
	_ = kerror.New("batch.process.not_allowed", "get", errs) // want `batch.process.not_allowed takes 1 placeholder .*got 2`

	// A trailing WithMessage replaces the message: nothing to count.
	_ = kerror.New("batch.process.not_allowed", kerror.WithMessage("Not now."))
	_ = kerror.Get("batch", "storage", "incomplete_delete", errs, kerror.WithMessage("Partly deleted."))
	_ = kerror.New("batch.process.not_allowed", kerror.WithMessage("")) // want `batch.process.not_allowed takes 1 placeholder .*got 0`

	name := pick()
	_ = kerror.Get("batch", "process", name)
	_ = kerror.Get("batch", "proces", name) // want `unknown error subdomain "batch.proces"; did you mean "batch.process"\?`
	_ = kerror.Is(nil, "batch.proces."+name)
}
