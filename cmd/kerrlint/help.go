package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"
	"text/tabwriter"

	"github.com/kerrlint/kerrlint/analyzer"
	"github.com/kerrlint/kerrlint/registry"
)

// help prints the list of checks, one a line, or with a name that check's
// documentation; an unknown name is a usage error.
func help(args []string, stdout, stderr io.Writer) int {
	switch len(args) {
	case 0:
		fmt.Fprintf(stdout, "%s\n\nChecks (kerrlint help CHECK for one's documentation; -checks selects them):\n\n", strings.SplitN(analyzer.Analyzer.Doc, "\n", 2)[0])
		tw := tabwriter.NewWriter(stdout, 0, 8, 2, ' ', 0)
		for _, name := range analyzer.CheckNames() {
			summary, _ := analyzer.CheckSummary(name)
			fmt.Fprintf(tw, "  %s\t%s\n", name, summary)
		}
		tw.Flush()
		fmt.Fprintf(stdout, "\nDocumentation: %s\nFlags: kerrlint -h\n", analyzer.Analyzer.URL)
		return 0
	case 1:
		section, _, ok := analyzer.CheckDoc(args[0])
		if !ok {
			msg := fmt.Sprintf("kerrlint help: unknown check %q", args[0])
			if near := analyzer.NearestCheck(args[0]); near != "" {
				msg += fmt.Sprintf("; did you mean %q?", near)
			}
			fmt.Fprintln(stderr, msg+" (kerrlint help lists the checks)")
			return 2
		}
		fmt.Fprint(stdout, section)
		return 0
	}
	fmt.Fprintln(stderr, "usage: kerrlint help [CHECK]")
	return 2
}

// version is kerrlint's version as the build recorded it: the module's
// version, else the VCS revision (with "+dirty" for a modified tree).
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	v := info.Main.Version
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = "+dirty"
			}
		}
	}
	if (v == "" || v == "(devel)") && rev != "" {
		v = "devel-" + rev + modified
	}
	if v == "" {
		v = "(devel)"
	}
	return v
}

// versionLine is what kerrlint version prints and what -V=full says too.
func versionLine() string {
	return fmt.Sprintf("kerrlint %s (%s %s/%s; embedded registry %s, %d ids)",
		version(), runtime.Version(), runtime.GOOS, runtime.GOARCH, strings.TrimSuffix(registry.EmbeddedName, " (embedded)"), registry.Default().Len())
}

// printUserVersion answers kerrlint version and -version.
func printUserVersion(w io.Writer) int {
	fmt.Fprintln(w, versionLine())
	return 0
}
