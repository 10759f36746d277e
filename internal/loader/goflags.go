package loader

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/kerrlint/kerrlint/internal/safefile"
)

// goFlags are the settings of GOFLAGS that decide which files exist for the
// go command, -modfile and -overlay, as the standalone driver applies them.
type goFlags struct {
	// env is the environment for go/packages: GOFLAGS without those flags,
	// which go/packages' version probe refuses (it runs with GO111MODULE=off,
	// golang/go#48482); build passes them to go list as build flags instead.
	env, build []string
	// overlay maps an absolute file name to the file whose content the go
	// command uses instead ("" when the overlay deletes it).
	overlay map[string]string
}

// readGoFlags reads GOFLAGS and the overlay it names.
func readGoFlags() (*goFlags, error) {
	g := &goFlags{env: os.Environ()}
	var rest []string
	for _, f := range strings.Fields(os.Getenv("GOFLAGS")) {
		name, value, _ := strings.Cut(strings.TrimLeft(f, "-"), "=")
		switch name {
		case "modfile":
			g.build = append(g.build, f)
		case "overlay":
			g.build = append(g.build, f)
			overlay, err := readOverlay(value)
			if err != nil {
				return nil, err
			}
			g.overlay = overlay
		default:
			rest = append(rest, f)
		}
	}
	if len(g.build) > 0 {
		g.env = slices.DeleteFunc(g.env, func(kv string) bool { return strings.HasPrefix(kv, "GOFLAGS=") })
		g.env = append(g.env, "GOFLAGS="+strings.Join(rest, " "))
	}
	return g, nil
}

// readOverlay reads a -overlay file: {"Replace": {file: replacement}}, with
// paths relative to the working directory, as the go command reads it.
func readOverlay(name string) (map[string]string, error) {
	data, err := safefile.ReadFile(name, true)
	if err != nil {
		return nil, fmt.Errorf("GOFLAGS -overlay: %v", err)
	}
	var o struct{ Replace map[string]string }
	if err := json.Unmarshal(data, &o); err != nil {
		return nil, fmt.Errorf("GOFLAGS -overlay: %s: %v", name, err)
	}
	abs := func(p string) string {
		if p == "" || filepath.IsAbs(p) {
			return p
		}
		a, err := filepath.Abs(p)
		if err != nil {
			return p
		}
		return a
	}
	m := make(map[string]string, len(o.Replace))
	for from, to := range o.Replace {
		m[filepath.Clean(abs(from))] = abs(to)
	}
	return m, nil
}

// readSource reads a source file of a listed package as the go command
// sees it: through the overlay (g may be nil: none), as a regular file with
// a bound.
func (g *goFlags) readSource(name string) ([]byte, error) {
	if g == nil {
		return safefile.ReadFile(name, true)
	}
	if to, ok := g.overlay[filepath.Clean(name)]; ok {
		if to == "" {
			return nil, &os.PathError{Op: "open", Path: name, Err: os.ErrNotExist}
		}
		return safefile.ReadFile(to, true)
	}
	return safefile.ReadFile(name, true)
}
