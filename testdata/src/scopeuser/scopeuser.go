package scopeuser // want package:"raises errors"

// The story: ids raised through another package's scope are checked like
// those of a local one; a scope that package reassigns is not resolved.

import (
	"scopes"

	"github.com/kerrlint/kerrlint/kerror"
)

func raise() {
	_ = scopes.Storage.Get("not_found")
	_ = scopes.Storage.Get("not_fund") // want `unknown error id "services.storage.not_fund"; did you mean "services.storage.not_found"\?`
	_ = scopes.Reassigned.Get("not_fund")
	_ = kerror.New("services.storage.not_found")
}
