package kuzzlejs

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// The versions of the two dependencies kuzzle@2.56.0's package.json names
// that its request and response code (dist/lib/api/request) needs besides
// lodash.
const (
	MomentVersion = "2.30.1"
	UUIDVersion   = "13.0.0"
)

// Modules for the wire side of Kuzzle's errors: KuzzleRequest and
// RequestResponse (setError, response.toJSON()), removeStacktrace (what every
// protocol applies before sending, by NODE_ENV) and the error classes.
const (
	RequestModule    = "kuzzle/dist/lib/api/request"
	StackTraceModule = "kuzzle/dist/lib/util/stackTrace"
	ErrorsModule     = "kuzzle/dist/lib/kerror/errors"
)

// RequestDir is Dir with the dependencies RequestModule needs (moment, uuid),
// installed once per machine in a directory of its own. Like Dir, it skips t
// unless $KERRLINT_KUZZLE is set.
func RequestDir(t testing.TB) string {
	t.Helper()
	Dir(t) // skips, or checks the tools
	name := fmt.Sprintf("kuzzlejs-request-%s-sdk%s-lodash%s-moment%s-uuid%s", KuzzleVersion, SDKVersion, LodashVersion, MomentVersion, UUIDVersion)
	return cached(t, name, "ready", func(tmp string) error {
		if err := os.WriteFile(filepath.Join(tmp, "package.json"), []byte(`{"name":"kerrlint-kuzzlejs-request","private":true}`+"\n"), 0o644); err != nil {
			return err
		}
		if _, err := run(tmp, "npm", "install", "--no-audit", "--no-fund", "--ignore-scripts", "--no-package-lock",
			"lodash@"+LodashVersion, "kuzzle-sdk@"+SDKVersion, "moment@"+MomentVersion, "uuid@"+UUIDVersion); err != nil {
			return err
		}
		dest := filepath.Join(tmp, "node_modules", "kuzzle") // its tarball alone, as Dir
		if err := os.MkdirAll(dest, 0o755); err != nil {
			return err
		}
		if err := unpack(dest, "kuzzle@"+KuzzleVersion); err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(tmp, "ready"), nil, 0o644)
	})
}
