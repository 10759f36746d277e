package mismatch

// The story: the Code of an error literal; a code that belongs to another
// id names it.

import "github.com/kerrlint/kerrlint/kerror"

var codes = []*kerror.Error{
	{ID: "services.storage.not_found", Code: 0x0101000c}, // want `services.storage.not_found has code 0x0101000b, not 0x0101000c, which belongs to services.storage.bootstrap_timeout`
	{ID: "services.storage.not_found", Code: 0x0101fffe}, // want `services.storage.not_found has code 0x0101000b, not 0x0101fffe$`
}
