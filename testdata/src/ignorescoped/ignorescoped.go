package ignorescoped // want package:"raises errors"

// The story: //kerrlint:ignore CATEGORY[,CATEGORY] REASON silences only the
// checks it names; naming an unknown check, or no reason, is a mistake.

import "github.com/kerrlint/kerrlint/kerror"

func raise() {
	//kerrlint:ignore unknown-id the id ships with the next registry release
	_ = kerror.New("services.storage.not_fund")

	//kerrlint:ignore class-mismatch only the class is silenced // want `this //kerrlint:ignore suppresses no diagnostic`
	_ = kerror.New("services.storage.not_fund") // want `unknown error id "services.storage.not_fund"`

	_ = kerror.BadRequest("services.storage.not_found") //kerrlint:ignore class-mismatch,unknown-id legacy clients expect 400

	//kerrlint:ignore deprecated-id,unknown-id both are known // want `this //kerrlint:ignore suppresses no diagnostic`
	_ = kerror.BadRequest("services.storage.not_found") // want `services.storage.not_found is a NotFoundError, not a BadRequestError`

	/* want `//kerrlint:ignore names an unknown check unknown-ids` */ //kerrlint:ignore unknown-ids typo in the check's name
	_ = kerror.New("services.storage.not_fund")                       // want `unknown error id`

	/* want `//kerrlint:ignore needs a reason: //kerrlint:ignore unknown-id REASON` */ //kerrlint:ignore unknown-id
	_ = kerror.New("services.storage.not_fund")                                        // want `unknown error id`
}
