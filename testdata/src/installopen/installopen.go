package installopen // want package:"installs a registry \\(not all readable\\)"

// The story: a registry installed from a file system kerrlint cannot read
// may define any id: unknown ids are not reported (with -strict, the
// install itself is).

import (
	"os"

	"github.com/kerrlint/kerrlint/kerror"
)

func init() {
	_ = kerror.UseFS(os.DirFS("/etc/codes"), "codes") // want `cannot check this registry install: the file system is not a package-level embed.FS`
}

// cards may be a subdomain of the registry kerrlint cannot read.
var cards = kerror.Wrap("billing", "card") // want cards:"scope billing.card"

func Pay(card string) error {
	_ = cards.Get("declined", card)
	return kerror.New("billing.card.declined", card)
}
