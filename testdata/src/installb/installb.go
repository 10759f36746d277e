package installb // want package:"installs a registry"

import (
	"embed"

	"github.com/kerrlint/kerrlint/kerror"
)

//go:embed codes
var codes embed.FS

var errInstall = kerror.InstallFS(codes, "codes")
