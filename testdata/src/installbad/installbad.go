package installbad

// The story: a broken embedded registry is reported at the JSON file's own
// position (the test checks it: analysistest reads no want comment in JSON).

import (
	"embed"

	"github.com/kerrlint/kerrlint/kerror"
)

//go:embed codes/*.json
var codes embed.FS

var errInstall = kerror.UseFS(codes, "codes")

func Pay(card string) error {
	return kerror.New("billing.card.declined", card)
}
