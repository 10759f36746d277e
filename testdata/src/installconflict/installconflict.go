package installconflict // want package:"installs a registry"

// The story: a registry that conflicts with the one in use (here, Kuzzle
// 1.12's services.storage.not_found with another code) is not installed at
// run time; the call says so.

import (
	"embed"

	"github.com/kerrlint/kerrlint/kerror"
)

//go:embed codes
var codes embed.FS

var errInstall = kerror.InstallFS(codes, "codes") // want `this registry conflicts with the one in use, so it is not installed: .*duplicate id services.storage.not_found`

func Archive(doc string) error {
	return kerror.New("services.storage.archived", doc) // want `unknown error id "services.storage.archived" \(the registry installed by installconflict at .*installconflict.go:16:18 defines it but is not installed: .*duplicate id services.storage.not_found`
}
