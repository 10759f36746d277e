package installboth // want package:"exports"

// The story: two imported packages install registries that give one code
// to two ids; at run time the second install fails, and the import that
// brings it is reported, once.

import (
	_ "installa"
	_ "installb" // want `the registry installed by installb at .* conflicts with the one in use, so it is not installed: .*duplicate code 0x5a010001: extra.box.second here, extra.box.first`

	"github.com/kerrlint/kerrlint/kerror"
)

var _ = kerror.New("extra.box.first")
