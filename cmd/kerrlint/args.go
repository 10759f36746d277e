package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/kerrlint/kerrlint/analyzer"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/singlechecker"
	"golang.org/x/tools/go/analysis/unitchecker"
)

// A command is kerrlint's command line (but for the registry subcommands),
// parsed once by parseCommand, standalone or run by go vet. The vet tool
// protocol is -flags (describe the flags), -V=full (describe the
// executable) and a last argument naming a unit's *.cfg file.
type command struct {
	df       driverFlags
	args     []string            // the arguments after the flags
	cfg      string              // under go vet: the unit's configuration file
	unit     *unitchecker.Config // its contents; nil if unreadable (unitchecker reports it)
	vetFlags bool                // -flags
	version  versionFlag         // -V
	named    bool                // -registry named files
	usage    func()              // prints the synopsis and the flags
}

// vet reports whether go vet runs kerrlint (or asks for its flags):
// x/tools' unitchecker then analyses the unit.
func (c *command) vet() bool { return c.cfg != "" || c.vetFlags }

// hidden are the flags -h does not list: the vet protocol's, for go vet.
var hidden = []string{"V", "flags"}

// vetNoOps are flags x/tools' unitchecker accepts and ignores (go vet's
// legacy ones, and the standalone checker's debugging ones): accepted here
// too under go vet, which passes whatever -flags lists.
var vetNoOps = []string{"source", "v", "all", "tags", "debug", "memprofile", "trace"}

// parseCommand parses args, the command line after the program name, with
// env the value of $KERRLINT_REGISTRY, into the driver's flags and those of
// a (kerrlint's analyzer). On a usage error (or -h) it returns nil and the
// exit status.
func parseCommand(a *analysis.Analyzer, args []string, env string, stderr io.Writer) (*command, int) {
	c := &command{}
	var dir string // relative registry paths are taken from here ("": the working directory)
	if n := len(args); n > 0 && strings.HasSuffix(args[n-1], ".cfg") {
		c.cfg, c.unit = args[n-1], readUnit(args[n-1])
		// go vet runs kerrlint in each package's directory: relative
		// registry paths are taken from the go command's, as standalone.
		if d, ok := goCommandDir(); ok {
			dir = d
		}
	}
	fs := flag.NewFlagSet("kerrlint", flag.ContinueOnError)
	fs.SetOutput(stderr)
	c.df.define(fs)
	a.Flags.VisitAll(func(f *flag.Flag) {
		v := f.Value
		if f.Name == "registry" {
			if env != "" {
				v.Set(absRegistryPaths(env, dir))
			}
			v = registryFlag{v, dir, &c.named}
		}
		fs.Var(v, f.Name, f.Usage)
	})
	fs.Var(&c.version, "V", "print version and exit (-V=full: as go vet asks)")
	fs.BoolVar(&c.vetFlags, "flags", false, "print the flags in JSON, as go vet asks")
	if c.cfg != "" {
		for _, name := range vetNoOps {
			fs.Var(noOp{}, name, "no effect")
		}
	}
	c.usage = func() {
		fmt.Fprintf(stderr, "%s\n\n%s", strings.SplitN(a.Doc, "\n", 2)[0], usage)
		shown := flag.NewFlagSet("kerrlint", flag.ContinueOnError)
		shown.SetOutput(stderr)
		fs.VisitAll(func(f *flag.Flag) {
			if !slices.Contains(hidden, f.Name) {
				shown.Var(f.Value, f.Name, f.Usage)
				shown.Lookup(f.Name).DefValue = f.DefValue
			}
		})
		shown.PrintDefaults()
	}
	fs.Usage = c.usage
	if c.cfg != "" { // unitchecker reports a bad flag itself
		fs.SetOutput(io.Discard)
		fs.Usage = func() {}
	}
	if err := fs.Parse(args); err != nil {
		if c.cfg != "" {
			singlechecker.Main(a) // parses os.Args (args) again, to report the error as go vet's tools do
		}
		if err == flag.ErrHelp {
			return nil, 0
		}
		return nil, 2
	}
	c.args = fs.Args()
	return c, 0
}

// readUnit returns the configuration go vet passes for one package, or nil.
func readUnit(file string) *unitchecker.Config {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil
	}
	cfg := new(unitchecker.Config)
	if json.Unmarshal(data, cfg) != nil {
		return nil
	}
	return cfg
}

// vetMain hands the unit (or -flags) to x/tools' unitchecker, which parses
// the command line again for its own flags (-json, -c, -fix, -diff): it is
// given the analyzer without its flags, which parseCommand has applied, and
// in their place flags that ignore their values.
func vetMain() {
	a := *analyzer.Analyzer
	a.Flags = flag.FlagSet{}
	analyzer.Analyzer.Flags.VisitAll(func(f *flag.Flag) { flag.Var(applied{f.Value}, f.Name, f.Usage) })
	singlechecker.Main(&a)
}

// applied stands for a flag parseCommand has applied.
type applied struct{ flag.Value }

func (applied) Set(string) error { return nil }

func (a applied) String() string { return valueString(a.Value) }

func (a applied) IsBoolFlag() bool {
	b, ok := a.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// noOp is a flag without effect.
type noOp struct{}

func (noOp) String() string   { return "" }
func (noOp) Set(string) error { return nil }

// registryFlag is the analyzer's -registry on kerrlint's command line: it
// takes relative paths from dir (under go vet), and notes in named whether
// the flag named files.
type registryFlag struct {
	flag.Value
	dir   string
	named *bool
}

func (r registryFlag) String() string { return valueString(r.Value) }

func (r registryFlag) Set(s string) error {
	if s != "" {
		*r.named = true
	}
	return r.Value.Set(absRegistryPaths(s, r.dir))
}

// valueString is v's String, "" for nil (flag.PrintDefaults calls String on
// a zero value, to tell a flag's default).
func valueString(v flag.Value) string {
	if v == nil {
		return ""
	}
	return v.String()
}

// versionFlag is -V: -V=full describes the executable for go vet's cache,
// -V (or -V=anything else) prints the version.
type versionFlag string

func (v *versionFlag) IsBoolFlag() bool   { return true }
func (v *versionFlag) String() string     { return string(*v) }
func (v *versionFlag) Set(s string) error { *v = versionFlag(s); return nil }

// define registers the standalone driver's flags in fs.
func (df *driverFlags) define(fs *flag.FlagSet) {
	fs.StringVar(&df.format, "f", "text", "output format: text (file:line:col: message (check)), json (as go vet -json) or sarif (SARIF 2.1.0)")
	fs.BoolVar(&df.json, "json", false, "emit JSON output (-f json)")
	fs.BoolVar(&df.fix, "fix", false, "apply the first suggested fix of each diagnostic; print those left unfixed")
	fs.BoolVar(&df.diff, "diff", false, "with -fix, print the changes as a unified diff instead of applying them")
	fs.BoolVar(&df.tests, "test", true, "also analyse test files")
	fs.BoolVar(&df.listAll, "list-all", false, "have go list list every package the patterns match, not only those that may be relevant (slower; same results)")
	fs.BoolVar(&df.stack, "stack", false, "print the stack of an internal error")
	fs.BoolVar(&df.version, "version", false, "print the version and exit")
	fs.IntVar(&df.context, "c", -1, "display offending line with this many lines of context")
	fs.StringVar(&df.cpuprofile, "cpuprofile", "", "write a CPU profile to this file")
}
