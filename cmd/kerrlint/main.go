// Command kerrlint checks that Go code raises only registered error ids, with
// the registered class, status and code.
//
// Usage:
//
//	kerrlint [flags] packages                 # standalone, like go vet
//	go vet -vettool=$(command -v kerrlint) [flags] packages
//	kerrlint registry check|show|list|doc|diff ...
//
// Run "kerrlint help" for the list of checks, "kerrlint help CHECK" for one
// check's documentation, "kerrlint -h" for the flags, "kerrlint version" for
// the version, and "kerrlint registry" for the registry subcommands.
package main

import (
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/kerrlint/kerrlint/analyzer"
	"github.com/kerrlint/kerrlint/registry"
	"golang.org/x/tools/go/analysis/singlechecker"
)

// registryEnv names extra registries like -registry; unlike the flag, its
// files' contents are part of the tool ID that go vet caches results by.
const registryEnv = "KERRLINT_REGISTRY"

func main() {
	args := os.Args[1:]
	if len(args) > 0 && args[0] == "registry" {
		os.Exit(registryMain(args[1:], os.Stdout, os.Stderr))
	}
	unit := vetUnit(args)
	env := os.Getenv(registryEnv)
	if unit != nil {
		// go vet runs kerrlint in each package's directory: relative
		// registry paths are taken from the go command's, as standalone.
		if dir, ok := goCommandDir(); ok {
			args = absRegistryArgs(args, dir)
			os.Args = append(os.Args[:1], args...)
			env = absRegistryPaths(env, dir)
		}
		if !unit.VetxOnly {
			noteRegistryFlag(args)
		}
	}
	if env != "" {
		analyzer.Analyzer.Flags.Set("registry", env)
	}
	if hasArg(args, "V=full") {
		os.Exit(printVersion(os.Stdout))
	}
	if hasVersionFlag(args) {
		fmt.Fprintf(os.Stdout, "kerrlint version %s\n", version())
		os.Exit(0)
	}
	subcommand := len(args) > 0 && (args[0] == "help" || args[0] == "version")
	// A broken registry is reported by the packages named, before any
	// analysis; not by the dependencies go vet analyses only for their facts
	// (where unitchecker fails silently), lest it be repeated per package.
	if !subcommand && !hasArg(args, "flags") && !hasArg(args, "help") && !hasArg(args, "h") && !hasArg(args, "version") && (unit == nil || !unit.VetxOnly) {
		presetRegistryFlags(args)
		if _, err := analyzer.LoadRegistry(); err != nil {
			var buf strings.Builder
			printProblems(&buf, err)
			if unit == nil || firstToReport(buf.String()) {
				os.Stderr.WriteString(buf.String())
			} else {
				fmt.Fprintln(os.Stderr, "kerrlint: invalid registry (problems printed once above)")
			}
			os.Exit(1)
		}
	}
	if unit != nil || hasArg(args, "flags") {
		singlechecker.Main(analyzer.Analyzer) // the go vet protocol: unitchecker
	}
	os.Exit(standalone(args, os.Stdout, os.Stderr))
}

// hasVersionFlag reports whether args hold -V or -V=..., which go vet passes.
func hasVersionFlag(args []string) bool {
	for _, a := range args {
		if a == "-V" || strings.HasPrefix(a, "-V=") || a == "--V" || strings.HasPrefix(a, "--V=") {
			return true
		}
	}
	return false
}

// hasArg reports whether args hold the flag -name (or --name).
func hasArg(args []string, name string) bool {
	for _, a := range args {
		if a == "-"+name || a == "--"+name {
			return true
		}
	}
	return false
}

// presetRegistryFlags applies the registry flags before the driver parses the
// command line, so that the registry is loaded, and a broken one reported,
// once for the whole run. The driver sets the same values again.
func presetRegistryFlags(args []string) {
	for _, f := range flagValues(args, "registry", "embedded") {
		analyzer.Analyzer.Flags.Set(f.name, f.value)
	}
}

// A flagValue is one occurrence of a flag on the command line.
type flagValue struct{ name, value string }

// flagValues returns the occurrences of the named flags in args, in order,
// with their values (true for a bare -embedded; a bare flag missing its value
// is left for the driver to report).
func flagValues(args []string, names ...string) []flagValue {
	var out []flagValue
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			break
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || !slices.Contains(names, name) {
			continue
		}
		switch {
		case hasValue:
		case name == "embedded":
			value = "true"
		case i+1 < len(args):
			i++
			value = args[i]
		default:
			continue
		}
		out = append(out, flagValue{name, value})
	}
	return out
}

// printVersion answers go vet's -V=full: kerrlint's version, and for go
// vet's cache the executable's hash, plus the
// contents of the registries named by $KERRLINT_REGISTRY, so that go vet's
// cache follows edits to them.
func printVersion(w io.Writer) int {
	exe, err := os.Executable()
	if err != nil {
		fmt.Fprintln(os.Stderr, "kerrlint:", err)
		return 1
	}
	h := sha256.New()
	if err := hashFile(h, exe); err != nil {
		fmt.Fprintln(os.Stderr, "kerrlint:", err)
		return 1
	}
	if env := os.Getenv(registryEnv); env != "" {
		for _, p := range strings.Split(env, ",") {
			fmt.Fprintf(h, "\x00%s\x00", p)
			hashTree(h, strings.TrimSpace(p))
		}
	}
	// go vet keys its cache on the buildID when the third field is "devel".
	fmt.Fprintf(w, "%s version devel (%s) buildID=%x\n", exe, versionLine(), h.Sum(nil))
	return 0
}

func hashFile(w io.Writer, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(w, f)
	return err
}

// hashTree hashes the registry files Load reads for path (regular files
// only, bounded: see registry.ReadFile). Unreadable paths hash as nothing:
// the run itself reports them.
func hashTree(w io.Writer, path string) {
	files, _ := registry.Files(path)
	for _, f := range files {
		if data, err := registry.ReadFile(f); err == nil {
			fmt.Fprintf(w, "\x00%s\x00", filepath.Base(f))
			w.Write(data)
		}
	}
}

// printProblems prints one registry problem per line, file:line:col first.
func printProblems(w io.Writer, err error) {
	for _, p := range registry.AsProblems(err) {
		if p.Pos.File == "" {
			fmt.Fprintln(w, "kerrlint:", p.Msg)
		} else {
			fmt.Fprintln(w, p)
		}
	}
}
