package oracle

// truthSource is the package every generated program links to observe what
// the runtime does at each site. It is fixed text, not generated: the truth
// of a site is what these functions see the kerror runtime return, never
// what the generator meant. Each function prints one line per marker:
// "MARK <marker> <kinds>", kinds "ok" or a comma-separated set of the
// analyzer's category names the runtime behaviour corresponds to.
const truthSource = `// Package truth observes the kerror runtime at each generated site.
package truth

import (
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/kerrlint/kerrlint/kerror"
	"github.com/kerrlint/kerrlint/registry"
)

// Run calls a site, reporting a panic as the site's outcome.
func Run(marker string, site func()) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Printf("MARK %s panic\n", marker)
		}
	}()
	site()
}

// Dyn returns s as a value the compiler cannot fold: a non-constant id.
func Dyn(s string) string {
	if len(os.Args) > 1000 {
		return ""
	}
	return s
}

func emit(marker string, kinds map[string]bool) {
	if len(kinds) == 0 {
		fmt.Printf("MARK %s ok\n", marker)
		return
	}
	var list []string
	for k := range kinds {
		list = append(list, k)
	}
	sort.Strings(list)
	fmt.Printf("MARK %s %s\n", marker, strings.Join(list, ","))
}

// raiseRaw raises id with no placeholder: its message is the raw format.
// It assigns its parameter so that kerrlint does not infer it as a wrapper:
// the oracle's look-ups must not become raise sites.
func raiseRaw(id string) *kerror.Error {
	id = strings.Clone(id)
	return kerror.New(id) //kerrlint:ignore dynamic-id the oracle looks ids up at run time
}

// deprecated reports whether the registry in use marks id deprecated.
func deprecated(id string) bool {
	e, ok := kerror.Registry().Lookup(id)
	return ok && e.Deprecated != ""
}

// hasFormat reports whether id's message format is known: registries from
// JSON sources and Define have one; the embedded registry has none (the
// runtime then formats the description, a stand-in).
func hasFormat(id string) bool {
	if e, ok := kerror.Registry().Lookup(id); ok {
		return e.Message != ""
	}
	return true // a Define'd error: Define requires a message
}

// replaced reports whether e's message is not its format filled with its
// placeholders: a trailing WithMessage replaced it, and the placeholder
// count no longer shows.
func replaced(e *kerror.Error) bool {
	format := strings.TrimSuffix(raiseRaw(e.ID).Message, kerror.PluginSentence)
	return strings.TrimSuffix(e.Message, kerror.PluginSentence) != kerror.Format(format, e.Props...)
}

// Raised observes the error a raise site returned.
func Raised(marker string, err error) {
	emit(marker, raised(err))
}

func raised(err error) map[string]bool {
	kinds := map[string]bool{}
	var e *kerror.Error
	if !errors.As(err, &e) {
		kinds["not-raised"] = true
		return kinds
	}
	switch e.ID {
	case "core.fatal.unexpected_error":
		kinds["unknown-id"] = true
		return kinds
	case "core.fatal.assertion_failed":
		kinds["class-mismatch"] = true
		return kinds
	}
	if deprecated(e.ID) {
		kinds["deprecated-id"] = true
	}
	if hasFormat(e.ID) && !replaced(e) {
		left := strings.Contains(e.Message, "%s")
		appended := false
		if n := len(e.Props); n > 0 {
			format := raiseRaw(e.ID).Message
			appended = !strings.Contains(kerror.Format(format, e.Props[:n-1]...), "%s")
		}
		if left || appended {
			kinds["placeholder-count"] = true
		}
	}
	return kinds
}

// Defined observes a Define and the error its New returned.
func Defined(marker string, d *kerror.Definition, err error) {
	if derr := d.Err(); derr != nil {
		// The runtime's own verdict, typed: the rules' DefineError.
		kind := "not-a-define-error"
		if de, ok := registry.AsDefineError(derr); ok {
			kind = map[registry.DefineVerdict]string{registry.DefineInvalid: "invalid-definition",
				registry.DefineDuplicateID: "duplicate-id", registry.DefineDuplicateCode: "duplicate-code"}[de.Verdict]
		}
		emit(marker, map[string]bool{kind: true})
		return
	}
	emit(marker, raised(err))
}

// installs holds the outcome of each registry install, by name.
var installs = map[string]error{}

// Install records the outcome of a registry install, at initialization.
func Install(name string, err error) error {
	installs[name] = err
	return err
}

// Installed observes a raise after registry installs: its outcome, and
// invalid-registry when one of the installs named failed.
func Installed(marker string, err error, names ...string) {
	kinds := raised(err)
	for _, name := range names {
		if installs[name] != nil {
			kinds["invalid-registry"] = true
		}
	}
	emit(marker, kinds)
}

// Literal observes an error literal's fields against the runtime: a zero
// field is absent.
// It assigns its parameter, as raiseRaw does, so that kerrlint does not
// infer a comparison wrapper from e.ID != id.
func Literal(marker, id string, code uint32, status int, class string) {
	id = strings.Clone(id)
	kinds := map[string]bool{}
	e := raiseRaw(id)
	if e.ID != id {
		kinds["unknown-id"] = true
		emit(marker, kinds)
		return
	}
	if deprecated(id) {
		kinds["deprecated-id"] = true
	}
	if code != 0 && code != e.Code {
		kinds["code-mismatch"] = true
	}
	if status != 0 && status != e.Status {
		kinds["status-mismatch"] = true
	}
	if class != "" && class != string(e.Class) {
		kinds["class-mismatch"] = true
	}
	emit(marker, kinds)
}

// Compared observes the ids a comparison tests: one nobody can raise never
// matches.
func Compared(marker string, ids ...string) {
	kinds := map[string]bool{}
	for _, id := range ids {
		if raiseRaw(id).ID != id {
			kinds["unknown-id"] = true
		}
	}
	emit(marker, kinds)
}
`
