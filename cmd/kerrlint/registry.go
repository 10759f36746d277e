package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/kerrlint/kerrlint/registry"
)

const registryUsage = `usage: kerrlint registry <command> [flags] [arguments]

Commands:
  check [-kuzzle VERSION] [-embedded] [-strict] [PATH...]
                                validate Kuzzle registries (domain files, directories,
                                plugin manifest.json files) as Kuzzle VERSION's loader does
                                (default ` + registry.NewestKuzzle + `; any Kuzzle release from 1.11.0; "any": what
                                some release loads, as kerrlint's loaders), alone and merged;
                                -embedded also merges the embedded one.
                                Errors (what Kuzzle refuses, conflicts) exit 1; warnings
                                (rules beyond Kuzzle's, named [like-this]) exit 0, 1 with -strict
  show [-registry P] ID|CODE    describe an id, or the id of a code (0x0101000b or 16842763)
  list [-registry P]            list every id, tab-separated: code, id, class, status,
                                deprecated, description
  doc [-registry P]             print the markdown error-codes page
  diff OLD NEW                  report breaking changes from registry OLD to NEW
  gen -pkg NAME [-o FILE]       write Go source with one documented constant per id

show, list and doc use the embedded Kuzzle 1.12 registry merged with the -registry
paths (comma-separated); -embedded=false drops the embedded one, and so does a
Kuzzle release's own codes (a registry defining the domain core) among them. A path may be a
plugin's manifest.json (or its directory): its errors are plugin.NAME.error.
Exit status: 0 success, 1 problems found, 2 usage error.
`

// errUsage marks errors that exit with status 2.
var errUsage = errors.New("usage")

func registryMain(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "-help" {
		fmt.Fprint(stderr, registryUsage)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	cmds := map[string]func([]string, io.Writer, io.Writer) error{
		"check": registryCheck, "show": registryShow, "list": registryList, "doc": registryDoc, "diff": registryDiff, "gen": registryGen,
	}
	cmd, ok := cmds[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "kerrlint registry: unknown command %q\n\n%s", args[0], registryUsage)
		return 2
	}
	err := cmd(args[1:], stdout, stderr)
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errUsage):
		return 2
	case errors.Is(err, errWarnings):
		return 1
	}
	printProblems(stderr, err)
	return 1
}

// subFlags parses the flags of a registry subcommand.
type subFlags struct {
	fs         *flag.FlagSet
	registries string
	embedded   bool
}

func newSubFlags(name string, stderr io.Writer, withRegistry bool, embeddedDefault bool) *subFlags {
	s := &subFlags{fs: flag.NewFlagSet("kerrlint registry "+name, flag.ContinueOnError)}
	s.fs.SetOutput(stderr)
	s.fs.Usage = func() { fmt.Fprint(stderr, registryUsage) }
	if withRegistry {
		s.fs.StringVar(&s.registries, "registry", "", "comma-separated registries merged over the embedded one")
	}
	s.fs.BoolVar(&s.embedded, "embedded", embeddedDefault, "use the embedded Kuzzle 1.12 registry")
	return s
}

func (s *subFlags) parse(args []string, nargs func(int) bool) ([]string, error) {
	if err := s.fs.Parse(args); err != nil {
		return nil, errUsage
	}
	if !nargs(s.fs.NArg()) {
		s.fs.Usage()
		return nil, errUsage
	}
	return s.fs.Args(), nil
}

// registryFor parses the flags and arguments of show, list and doc, and
// loads the registry they work on.
func registryFor(name string, args []string, nargs func(int) bool, stderr io.Writer) ([]string, *registry.Registry, error) {
	s := newSubFlags(name, stderr, true, true)
	rest, err := s.parse(args, nargs)
	if err != nil {
		return nil, nil, err
	}
	r, err := s.load()
	return rest, r, err
}

// load returns the registry a subcommand works on.
func (s *subFlags) load() (*registry.Registry, error) {
	return registry.Sources{NoEmbedded: !s.embedded, Paths: splitList(s.registries)}.Load()
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func registryCheck(args []string, stdout, stderr io.Writer) error {
	s := newSubFlags("check", stderr, false, false)
	strict := s.fs.Bool("strict", false, "exit 1 on warnings too")
	kuzzle := s.fs.String("kuzzle", registry.NewestKuzzle, `the Kuzzle release whose loader's verdict to give, or "any"`)
	paths, err := s.parse(args, func(int) bool { return true })
	if err != nil {
		return err
	}
	if *kuzzle != "any" {
		if err := registry.KnownRelease(*kuzzle); err != nil {
			fmt.Fprintln(stderr, "kerrlint registry check:", err)
			return errUsage
		}
	}
	if len(paths) == 0 {
		registry.Default() // the embedded registry: valid by construction, checked by tests
		return nil
	}
	var r *registry.Registry
	var warnings registry.Problems
	if *kuzzle == "any" {
		r, warnings, err = registry.Check(paths...)
	} else {
		r, warnings, err = registry.CheckRelease(*kuzzle, paths...)
	}
	if err == nil && s.embedded && !registry.ReplacesEmbedded(r) {
		_, err = registry.Merge(registry.Default(), r)
	}
	for _, w := range warnings {
		fmt.Fprintln(stderr, w)
	}
	if err == nil && *strict && len(warnings) > 0 {
		return errWarnings
	}
	return err
}

// errWarnings is the result of registry check -strict on a registry with
// warnings and no error: they are already printed.
var errWarnings = errors.New("warnings")

func registryShow(args []string, stdout, stderr io.Writer) error {
	rest, r, err := registryFor("show", args, func(n int) bool { return n == 1 }, stderr)
	if err != nil {
		return err
	}
	key := rest[0]
	e, ok := r.Lookup(key)
	if !ok && key != "" && key[0] >= '0' && key[0] <= '9' {
		code, err := registry.ParseCode(key)
		if err != nil {
			return err
		}
		if e, ok = r.ByCode(code); !ok {
			return fmt.Errorf("no id has code %s", registry.FormatCode(code))
		}
	}
	if !ok {
		var names []string
		for _, c := range r.Suggest(key, 3) {
			names = append(names, c.ID)
		}
		return errors.New(fmt.Sprintf("unknown error id %q", key) + registry.DidYouMean(names))
	}
	w := bufio.NewWriter(stdout)
	fmt.Fprintf(w, "%s\n", e.ID)
	fmt.Fprintf(w, "  code:        %s (%d)\n", registry.FormatCode(e.Code), e.Code)
	fmt.Fprintf(w, "  class:       %s (%d)\n", e.Class, e.Status)
	fmt.Fprintf(w, "  description: %s\n", e.Description)
	if e.Message != "" {
		n, _ := e.Placeholders()
		fmt.Fprintf(w, "  message:     %s (%d placeholders)\n", e.Message, n)
	}
	if e.Deprecated != "" {
		fmt.Fprintf(w, "  deprecated:  since %s\n", e.Deprecated)
	}
	fmt.Fprintf(w, "  defined at:  %s\n", e.Pos)
	return w.Flush()
}

func registryList(args []string, stdout, stderr io.Writer) error {
	_, r, err := registryFor("list", args, func(n int) bool { return n == 0 }, stderr)
	if err != nil {
		return err
	}
	return r.WriteTSV(stdout)
}

func registryDoc(args []string, stdout, stderr io.Writer) error {
	_, r, err := registryFor("doc", args, func(n int) bool { return n == 0 }, stderr)
	if err != nil {
		return err
	}
	_, err = stdout.Write(r.Markdown())
	return err
}

func registryDiff(args []string, stdout, stderr io.Writer) error {
	s := newSubFlags("diff", stderr, false, false)
	paths, err := s.parse(args, func(n int) bool { return n == 2 })
	if err != nil {
		return err
	}
	old, err := registry.Load(paths[0])
	if err != nil {
		return err
	}
	cur, err := registry.Load(paths[1])
	if err != nil {
		return err
	}
	changes := registry.Diff(old, cur)
	if len(changes) == 0 {
		return nil
	}
	return changes
}
