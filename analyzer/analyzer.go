package analyzer

import (
	_ "embed"
	"fmt"
	"go/types"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/kerrlint/kerrlint/registry"
	"golang.org/x/tools/go/analysis"
)

// KerrorPath is the import path of the runtime package whose calls are checked.
const KerrorPath = "github.com/kerrlint/kerrlint/kerror"

//go:embed doc.go
var doc string

// Settings configure an Analyzer; they mirror the command-line flags.
type Settings struct {
	// Registries are Kuzzle JSON registries (files or directories) merged
	// over the embedded one.
	Registries []string
	// RegistryFS holds registry files merged over the embedded one after
	// Registries, for wrappers that embed their registry (a Bazel nogo
	// analyzer package with an embed.FS): hermetic, and part of the build.
	// Under a driver that gives the analyzer no embedded files, an
	// InstallFS or Install of embedded files is then taken to merge these.
	RegistryFS fs.FS
	// RegistryFSPaths name the files or directories of RegistryFS to load;
	// none means ".".
	RegistryFSPaths []string
	// NoEmbedded drops the embedded Kuzzle 1.12 registry: only Registries count.
	NoEmbedded bool
	// Strict reports ids that are not compile-time constants.
	Strict bool
	// Funcs are functions whose parameter is an id, for code one cannot
	// annotate: pkg/path.Func:param or (*pkg/path.Type).Method:param.
	Funcs []string
	// Checks selects the checks reported, in staticcheck's syntax
	// ("all,-deprecated-id"); none means all. An unknown name is an error.
	Checks []string
}

// Analyzer checks raise sites against the embedded registry and the
// registries named by its -registry flag.
var Analyzer = std.analyzer(true)

// std is the checker behind Analyzer, configured by its flags.
var std = &checker{}

// New returns an Analyzer with its own settings, independent of Analyzer's
// flags (as the golangci-lint plugin needs). It loads the registry at once,
// and fails on a broken registry or malformed Funcs.
func New(s Settings) (*analysis.Analyzer, error) {
	funcs, err := ParseFuncs(s.Funcs)
	if err != nil {
		return nil, err
	}
	sel, err := parseChecks(s.Checks)
	if err != nil {
		return nil, fmt.Errorf("checks: %w", err)
	}
	c := &checker{settings: s, funcs: funcs, checks: sel}
	if _, err := c.registry(); err != nil {
		return nil, err
	}
	return c.analyzer(false), nil
}

// LoadRegistry loads the registry that Analyzer uses, as its flags configure
// it; drivers call it once before analysing so that a broken registry is
// reported once rather than once per package.
func LoadRegistry() (*registry.Registry, error) { return std.registry() }

// FlagFuncs returns the functions Analyzer's -funcs flag names, parsed as
// the flag was set: the standalone driver's relevance test takes them.
func FlagFuncs() Funcs { return std.funcs }

// checker holds one Analyzer's settings and its registry, loaded once.
type checker struct {
	settings Settings
	funcs    Funcs     // settings.Funcs, parsed
	checks   selection // settings.Checks, parsed; nil: all
	once     sync.Once
	reg      *registry.Registry
	err      error
	folds    folds // installed registries, folded once for every package
}

func (c *checker) analyzer(withFlags bool) *analysis.Analyzer {
	a := &analysis.Analyzer{
		Name: "kerrlint",
		Doc:  extractDoc(doc),
		URL:  "https://pkg.go.dev/github.com/kerrlint/kerrlint/analyzer",
		Run:  c.run,
		FactTypes: []analysis.Fact{
			new(packageFact), new(wrapperFact), new(errorTypeFact), new(definitionFact), new(scopeFact),
		},
	}
	if withFlags {
		a.Flags.Var((*listFlag)(&c.settings.Registries), "registry", "comma-separated Kuzzle JSON registries (files or directories) merged over the embedded one")
		a.Flags.Var(negBool{&c.settings.NoEmbedded}, "embedded", "use the embedded Kuzzle 1.12 registry (-embedded=false: only the -registry files)")
		a.Flags.BoolVar(&c.settings.Strict, "strict", false, "also report ids that are not compile-time constants (dynamic-id)")
		a.Flags.Var(checksFlag{&c.settings.Checks, &c.checks}, "checks", "comma-separated checks to report, as staticcheck's -checks: all, NAME, -NAME, globs (default all)")
		a.Flags.Var(funcsFlag{(*listFlag)(&c.settings.Funcs), &c.funcs}, "funcs", "comma-separated functions whose parameter is an error id: pkg/path.Func:param or (*pkg/path.Type).Method:param")
	}
	return a
}

// registry returns the merged registry, loading it on first use: flags are
// parsed by then, and every package of the run shares the result.
func (c *checker) registry() (*registry.Registry, error) {
	c.once.Do(func() { c.reg, c.err = loadRegistry(c.settings) })
	return c.reg, c.err
}

func loadRegistry(s Settings) (*registry.Registry, error) {
	return registry.Sources{NoEmbedded: s.NoEmbedded, Paths: s.Registries, FS: s.RegistryFS, FSPaths: s.RegistryFSPaths}.Load()
}

func (c *checker) run(pass *analysis.Pass) (any, error) {
	if !c.relevant(pass) {
		return nil, nil
	}
	reg, err := c.registry()
	if err != nil {
		return nil, err
	}
	u := newUnit(pass, reg, c.settings.Strict, c.funcs)
	u.registryGiven = c.settings.RegistryFS != nil
	u.folds = &c.folds
	u.funcsTarget = c.funcs.declares(pass.Pkg.Path())
	rep := newReporter(pass)
	rep.checks = c.checks
	u.resolve(&rep.ignores)
	rep.run(u)
	u.exportFacts()
	return nil, nil
}

// relevant applies the relevance test the standalone driver shares
// (relevance.go): an import counts when its package fact says it exports.
// The others, most of any program, cost one look at their imports.
func (c *checker) relevant(pass *analysis.Pass) bool {
	imports := pass.Pkg.Imports()
	paths := make([]string, len(imports))
	byPath := make(map[string]*types.Package, len(imports))
	for i, imp := range imports {
		paths[i], byPath[imp.Path()] = imp.Path(), imp
	}
	return NewRelevance(c.funcs).Relevant(pass.Pkg.Path(), paths,
		func(p string) bool { return ImportExports(pass, byPath[p]) },
		func() bool { return FilesHaveDirective(pass.Files) })
}

// listFlag is a comma-separated list flag; repeating it appends, and a path
// given twice counts once.
type listFlag []string

func (l *listFlag) String() string {
	if l == nil { // flag.PrintDefaults calls String on a zero value
		return ""
	}
	return strings.Join(*l, ",")
}

func (l *listFlag) Set(s string) error {
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" && !containsString(*l, p) {
			*l = append(*l, p)
		}
	}
	return nil
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// negBool is a boolean flag stored negated, so that the zero Settings mean
// "use the embedded registry".
type negBool struct{ p *bool }

func (b negBool) IsBoolFlag() bool { return true }

func (b negBool) String() string {
	if b.p == nil || !*b.p {
		return "true"
	}
	return "false"
}

func (b negBool) Set(s string) error {
	v, err := strconv.ParseBool(s)
	if err == nil {
		*b.p = !v
	}
	return err
}

// extractDoc turns doc.go's package comment into Analyzer.Doc: the text
// after "# Analyzer kerrlint", with the comment markers removed.
func extractDoc(src string) string {
	var lines []string
	started := false
	for _, line := range strings.Split(src, "\n") {
		if !strings.HasPrefix(line, "//") {
			if started {
				break
			}
			continue
		}
		text := strings.TrimPrefix(strings.TrimPrefix(line, "//"), " ")
		if text == "# Analyzer kerrlint" {
			started = true
			continue
		}
		if started {
			lines = append(lines, text)
		}
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}

// funcsFlag parses -funcs entries as they are set, into the checker's Funcs
// (and, as given, the list its String prints). Like the other list flags,
// it trims each entry.
type funcsFlag struct {
	*listFlag
	funcs *Funcs
}

func (f funcsFlag) Set(s string) error {
	parsed := slices.Clone(*f.funcs)
	for _, e := range strings.Split(s, ",") {
		if err := parsed.add(strings.TrimSpace(e)); err != nil {
			return err
		}
	}
	*f.funcs = parsed
	return f.listFlag.Set(s)
}
