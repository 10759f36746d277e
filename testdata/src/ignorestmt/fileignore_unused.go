package ignorestmt

//kerrlint:file-ignore deprecated-id nothing is deprecated here // want `this //kerrlint:file-ignore suppresses no diagnostic`
//kerrlint:file-ignore only a reason // want `//kerrlint:file-ignore needs the checks it silences: //kerrlint:file-ignore CHECK\[,CHECK\] REASON`
/* want `//kerrlint:file-ignore needs a reason: //kerrlint:file-ignore unknown-id REASON` */ //kerrlint:file-ignore unknown-id

import "github.com/kerrlint/kerrlint/kerror"

func other() {
	_ = kerror.New("services.storage.not_fund") // want `unknown error id`
}
