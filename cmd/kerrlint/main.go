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
	"runtime/debug"
	"strings"

	"github.com/kerrlint/kerrlint/analyzer"
	"github.com/kerrlint/kerrlint/registry"
)

// registryEnv names extra registries like -registry; unlike the flag, its
// files' contents are part of the tool ID that go vet caches results by.
const registryEnv = "KERRLINT_REGISTRY"

func main() {
	args := os.Args[1:]
	if len(args) > 0 && args[0] == "registry" {
		os.Exit(registryMain(args[1:], os.Stdout, os.Stderr))
	}
	cmd, exit := parseCommand(analyzer.Analyzer, args, os.Getenv(registryEnv), os.Stderr)
	if cmd == nil {
		os.Exit(exit)
	}
	switch {
	case cmd.version == "full":
		os.Exit(printVersion(os.Stdout))
	case cmd.version != "":
		fmt.Fprintf(os.Stdout, "kerrlint version %s\n", version())
		os.Exit(0)
	}
	facts := cmd.unit != nil && cmd.unit.VetxOnly // a dependency go vet analyses only for its facts
	if cmd.unit != nil && !facts && cmd.named {
		noteRegistryFlag()
	}
	// A broken registry is reported by the packages named, before any
	// analysis; not by the dependencies go vet analyses only for their facts
	// (where unitchecker fails silently), lest it be repeated per package.
	subcommand := len(cmd.args) > 0 && (cmd.args[0] == "help" || cmd.args[0] == "version")
	if !subcommand && !cmd.vetFlags && !cmd.df.version && !facts {
		if _, err := analyzer.LoadRegistry(); err != nil {
			var buf strings.Builder
			printProblems(&buf, err)
			if cmd.unit == nil || firstToReport(buf.String()) {
				os.Stderr.WriteString(buf.String())
			} else {
				fmt.Fprintln(os.Stderr, "kerrlint: invalid registry (problems printed once above)")
			}
			os.Exit(1)
		}
	}
	if cmd.vet() {
		tuneGC()
		vetMain()
	}
	os.Exit(standalone(cmd, os.Stdout, os.Stderr))
}

// tuneGC has the collector run less often in a go vet process, unless
// GOGC says otherwise: a process analyses one package, with a small heap
// that an installed registry's entries, decoded and folded in every
// process, would otherwise have collected several times over (about 40% of
// its CPU time at 10,000 installed ids). A soft memory limit keeps a large
// package's heap from growing unchecked.
func tuneGC() {
	if _, set := os.LookupEnv("GOGC"); set {
		return
	}
	debug.SetGCPercent(400)
	if _, set := os.LookupEnv("GOMEMLIMIT"); !set {
		debug.SetMemoryLimit(1 << 30)
	}
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
