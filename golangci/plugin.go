// Package golangci is kerrlint's golangci-lint module plugin. Build a custom
// golangci-lint that imports it (see the README) and enable it as
//
//	linters:
//	  enable: [kerrlint]
//	  settings:
//	    custom:
//	      kerrlint:
//	        type: module
//	        settings:
//	          registry: [errors/]   # relative to the configuration file
//	          embedded: true
//	          strict: false
//	          funcs: ["example.com/app/errs.Fail:id"]
//	          checks: [all, -deprecated-id]   # as kerrlint -checks
package golangci

import (
	"fmt"
	"go/token"
	"os"
	"path/filepath"
	"strings"

	"github.com/golangci/plugin-module-register/register"
	"github.com/kerrlint/kerrlint/analyzer"
	"golang.org/x/tools/go/analysis"
)

// Registering is how golangci-lint finds module plugins.
func init() { register.Plugin("kerrlint", New) }

// Settings mirror kerrlint's flags.
type Settings struct {
	Registry []string `json:"registry"` // Kuzzle JSON registries, relative to the configuration file
	Embedded *bool    `json:"embedded"` // false: only the registry files (default true)
	Strict   bool     `json:"strict"`
	Funcs    []string `json:"funcs"`
	Checks   []string `json:"checks"` // as kerrlint -checks: all, NAME, -NAME
}

// plugin is one configured instance: golangci-lint may build several, and
// each has its own analyzer and registry.
type plugin struct{ analyzer *analysis.Analyzer }

// New decodes the settings and builds the analyzer, loading the registry so
// that a bad setting or registry fails here, once, with a clear message.
func New(conf any) (register.LinterPlugin, error) {
	s, err := register.DecodeSettings[Settings](conf)
	if err != nil {
		return nil, fmt.Errorf("kerrlint settings: %w", err)
	}
	base := configDir(os.Args)
	settings := analyzer.Settings{Strict: s.Strict, Funcs: s.Funcs, Checks: s.Checks, NoEmbedded: s.Embedded != nil && !*s.Embedded}
	for _, p := range s.Registry {
		if !filepath.IsAbs(p) {
			p = filepath.Join(base, p)
		}
		settings.Registries = append(settings.Registries, p)
	}
	a, err := analyzer.New(settings)
	if err != nil {
		return nil, fmt.Errorf("kerrlint settings: %w", err)
	}
	if len(settings.Registries) > 0 {
		fmt.Fprint(os.Stderr, registryNotice)
	}
	return &plugin{inGoFiles(a)}, nil
}

// registryNotice is printed once per run (golangci-lint builds the plugin
// once) when the registry setting names files: golangci-lint caches issues
// per package by its Go files, its dependencies and the settings, not by
// the files the plugin reads.
const registryNotice = "kerrlint: note: golangci-lint caches results without reading the files the registry setting names: after editing one, run golangci-lint cache clean.\n"

func (p *plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	return []*analysis.Analyzer{p.analyzer}, nil
}

// inGoFiles returns a copy of a that reports the diagnostics it places
// outside Go files — problems of a registry the code embeds, at the JSON
// file's own position — at their related position instead (the
// kerror.UseFS/InstallFS call), with their own position first in the
// message: golangci-lint drops every issue in a file other than a .go file.
// Each diagnostic keeps only its first (best) fix: golangci-lint --fix
// applies every fix of a diagnostic, and skips all of a file's fixes when
// two overlap, as the alternatives of one diagnostic always do.
func inGoFiles(a *analysis.Analyzer) *analysis.Analyzer {
	wrapped := *a
	wrapped.Run = func(pass *analysis.Pass) (any, error) {
		report := pass.Report
		p := *pass
		p.Report = func(d analysis.Diagnostic) {
			if f := pass.Fset.File(d.Pos); f != nil && !strings.HasSuffix(f.Name(), ".go") && len(d.Related) > 0 {
				d.Message = pass.Fset.Position(d.Pos).String() + ": " + d.Message
				d.Pos, d.End, d.SuggestedFixes, d.Related = d.Related[0].Pos, token.NoPos, nil, nil
			}
			if len(d.SuggestedFixes) > 1 {
				d.SuggestedFixes = d.SuggestedFixes[:1]
			}
			report(d)
		}
		return a.Run(&p)
	}
	return &wrapped
}

func (p *plugin) GetLoadMode() string { return register.LoadModeTypesInfo }

// configNames are the configuration files golangci-lint looks for.
var configNames = []string{".golangci.yml", ".golangci.yaml", ".golangci.toml", ".golangci.json"}

// configDir returns the directory of golangci-lint's configuration file, as
// golangci-lint finds it: the -c/--config flag, else the first directory
// from the working directory up that holds one; else the working directory.
func configDir(args []string) string {
	for i, a := range args {
		for _, flag := range []string{"-c", "--config"} {
			if v, ok := strings.CutPrefix(a, flag+"="); ok {
				return filepath.Dir(v)
			}
			if a == flag && i+1 < len(args) {
				return filepath.Dir(args[i+1])
			}
		}
	}
	wd, err := os.Getwd()
	if err != nil {
		return "."
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		for _, name := range configNames {
			if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
				return dir
			}
		}
		if filepath.Dir(dir) == dir {
			return wd
		}
	}
}
