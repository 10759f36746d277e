package ignore // want package:"raises errors"

import "github.com/kerrlint/kerrlint/kerror"

func raise() {
	//kerrlint:ignore legacy clients send this id; see TICKET-12
	_ = kerror.New("services.storage.legacy_id")
	_ = kerror.New("services.storage.legacy_id2") //kerrlint:ignore kept for the v1 protocol
	_ = kerror.New("services.storage.not_fund")   // want `unknown error id "services.storage.not_fund"`

	//kerrlint:ignore nothing to suppress here // want `this //kerrlint:ignore suppresses no diagnostic`
	_ = kerror.New("services.storage.not_found")
	_ = kerror.New("services.storage.not_found") //kerrlint:ignore stale // want `this //kerrlint:ignore suppresses no diagnostic`

	_ = kerror.New("services.storage.not_fund") /* want `unknown error id` `//kerrlint:ignore needs a reason` */ //kerrlint:ignore
	//kerrlint:ignored is a misspelt directive // want `unknown directive //kerrlint:ignored; did you mean //kerrlint:ignore\?`
	_ = kerror.New("services.storage.not_found")
}
