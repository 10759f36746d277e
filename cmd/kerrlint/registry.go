package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/kerrlint/kerrlint/registry"
)

const registryUsage = `usage: kerrlint registry <command> [flags] [arguments]

Commands:
  check [-embedded] [PATH...]   validate Kuzzle JSON registries (files or directories),
                                alone and merged; -embedded also merges the embedded one
  show [-registry P] ID|CODE    describe an id, or the id of a code (0x0101000b or 16842763)
  list [-registry P]            list every id, tab-separated: code, id, class, status,
                                deprecated, description
  doc [-registry P]             print the markdown error-codes page
  diff OLD NEW                  report breaking changes from registry OLD to NEW

show, list and doc use the embedded Kuzzle 1.12 registry merged with the -registry
paths (comma-separated); -embedded=false drops the embedded one.
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
		"check": registryCheck, "show": registryShow, "list": registryList, "doc": registryDoc, "diff": registryDiff,
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
	var regs []*registry.Registry
	if s.embedded {
		regs = append(regs, registry.Default())
	}
	if s.registries != "" {
		r, err := registry.LoadPaths(splitList(s.registries)...)
		if err != nil {
			return nil, err
		}
		regs = append(regs, r)
	}
	if len(regs) == 0 {
		return nil, errors.New("no registry: -embedded=false needs -registry")
	}
	return registry.Merge(regs...)
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
	paths, err := s.parse(args, func(int) bool { return true })
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		registry.Default() // the embedded registry: valid by construction, checked by tests
		return nil
	}
	r, err := registry.LoadPaths(paths...)
	if err != nil {
		return err
	}
	if s.embedded {
		_, err = registry.Merge(registry.Default(), r)
	}
	return err
}

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
		msg := fmt.Sprintf("unknown error id %q", key)
		var names []string
		for _, c := range r.Suggest(key, 3) {
			names = append(names, strconv.Quote(c.ID))
		}
		if len(names) > 0 {
			msg += "; did you mean " + strings.Join(names, ", ") + "?"
		}
		return errors.New(msg)
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
