package store

import (
	"embed"

	"github.com/kerrlint/kerrlint/kerror"
)

// codes are the store's own error codes (domain "store"), carried by the
// program itself. kerrlint reads the same files, with no flag.
//
//go:embed codes
var codes embed.FS

func init() {
	// Installed over Kuzzle's registry: both sets of ids can be raised. The
	// files are embedded, and kerrlint reports a broken one at compile time.
	if err := kerror.InstallFS(codes, "codes"); err != nil {
		panic(err)
	}
}

const maxBody = 1 << 20

// Import stores docs; those it cannot store are reported together, as the
// body of one PartialError (the last placeholder is the body).
func (s *Store) Import(index string, docs []Document) error {
	var failed []error
	for _, doc := range docs {
		if len(doc.Body) > maxBody {
			failed = append(failed, kerror.SizeLimit("store.document.too_larg", doc.ID, maxBody)) // a typo in the store's own registry
			continue
		}
		if err := s.Put(index, doc); err != nil {
			failed = append(failed, err)
		}
	}
	if len(failed) > 0 {
		return kerror.Partial("store.import.partial", index, failed)
	}
	return nil
}
