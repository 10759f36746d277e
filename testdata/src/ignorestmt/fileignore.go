package ignorestmt // want package:"raises errors"

//kerrlint:file-ignore unknown-id,placeholder-count this file mirrors the gateway's ids

import "github.com/kerrlint/kerrlint/kerror"

func mirrored() {
	_ = kerror.New("services.storage.not_fund")
	_ = kerror.New("services.storage.write_limit_exceded")
	_ = kerror.BadRequest("services.storage.not_found") // want `services.storage.not_found is a NotFoundError, not a BadRequestError`
}
