package oracle

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
)

// Site is one generated raise, literal, comparison or definition. Its code
// lies between "// oracle:begin MARKER" and "// oracle:end MARKER" lines, and
// every diagnostic inside them belongs to it.
type Site struct {
	Marker   string
	Form     string // the generator function that wrote it
	Mutation string // what the generator meant to break ("" for none); statistics only
	// Dynamic: the id is not a compile-time constant; the analyzer can
	// only say dynamic-id (with -strict).
	Dynamic bool
	Pkg     int
	File    string
	Block   string   // package-level code, including func Marker()
	Needs   []string // keys of the declarations it uses
	Funcs   []string // -funcs entries it needs (with tokens)
	// Extra are whole files of its own (paths from the module root, with
	// tokens), every line of which but the package clause is inside its
	// markers.
	Extra map[string]string
}

// Decl is a declaration shared by sites (a wrapper, a constant, a type, a
// Define the site conflicts with), placed before the blocks of its file.
type Decl struct {
	Key   string
	Pkg   int
	File  string
	Text  string
	Order int
	Owner string // the marker of the one site it serves, if any
}

// Program is one generated program: packages p0..pN-1 (pK may import pJ for
// J < K) and a main package running every site.
//
// Its text names the program by tokens, replaced when it is written: {P}
// (and {p}) by its number, {D} by its Define domain byte, so that a
// reproducer can join any batch under a fresh number.
type Program struct {
	Num   int
	NPkg  int
	Sites []*Site
	Decls map[string]*Decl
	// Files, when set, are the program's files as read from a reproducer
	// (with their tokens); Sites then only describe them.
	Files map[string]string
}

// withSites returns a copy of p keeping only the given sites (and the
// declarations they need): the shrinker's step.
func (p *Program) withSites(keep []*Site) *Program {
	return &Program{Num: p.Num, NPkg: p.NPkg, Sites: keep, Decls: p.Decls, Files: p.Files}
}

// funcs returns the -funcs entries of the program's sites.
func (p *Program) funcs() []string {
	var out []string
	for _, s := range p.Sites {
		for _, f := range s.Funcs {
			if f = p.render(f); !slices.Contains(out, f) {
				out = append(out, f)
			}
		}
	}
	return out
}

// Name is the program's directory in the module.
func (p *Program) Name() string { return fmt.Sprintf("prog%d", p.Num) }

// render replaces the program's tokens in text.
func (p *Program) render(text string) string {
	return strings.NewReplacer("{DN}", fmt.Sprint(defineDomainHex+p.Num), "{P}", fmt.Sprint(p.Num), "{p}", fmt.Sprint(p.Num),
		"{D}", fmt.Sprintf("%02x", defineDomainHex+p.Num)).Replace(text)
}

var pkgRef = regexp.MustCompile(`\b(p\d+|prog\d+|kerror|truth|errors|strings)\.`)

// files renders the program as files relative to the module root.
func (p *Program) files(module string) map[string]string {
	out := map[string]string{}
	for name, text := range p.rawFiles(module) {
		out[p.render(name)] = p.render(text)
	}
	return out
}

// rawFiles renders the program with its tokens.
func (p *Program) rawFiles(module string) map[string]string {
	if p.Files != nil {
		return p.Files
	}
	out := map[string]string{}
	needed := map[string]bool{}
	for _, s := range p.Sites {
		for _, k := range s.Needs {
			needed[k] = true
		}
	}
	type fileKey struct {
		pkg  int
		name string
	}
	decls := map[fileKey][]*Decl{}
	for k := range needed {
		d := p.Decls[k]
		decls[fileKey{d.Pkg, d.File}] = append(decls[fileKey{d.Pkg, d.File}], d)
	}
	blocks := map[fileKey][]*Site{}
	for _, s := range p.Sites {
		blocks[fileKey{s.Pkg, s.File}] = append(blocks[fileKey{s.Pkg, s.File}], s)
	}
	keys := map[fileKey]bool{}
	for k := range decls {
		keys[k] = true
	}
	for k := range blocks {
		keys[k] = true
	}
	for k := range keys {
		var body strings.Builder
		ds := decls[k]
		sort.Slice(ds, func(i, j int) bool { return ds[i].Order < ds[j].Order })
		for _, d := range ds {
			marker := "decl:" + d.Key
			if d.Owner != "" {
				marker = d.Owner
			}
			fmt.Fprintf(&body, "// oracle:begin %s\n%s\n// oracle:end %s\n\n", marker, d.Text, marker)
		}
		for _, s := range blocks[k] {
			fmt.Fprintf(&body, "// oracle:begin %s\n%s\n// oracle:end %s\n\n", s.Marker, strings.TrimRight(s.Block, "\n"), s.Marker)
		}
		path := fmt.Sprintf("prog{P}/p%d/%s", k.pkg, k.name)
		out[path] = goFile(fmt.Sprintf("p%d", k.pkg), module, "prog{P}", body.String(), true)
	}
	var main strings.Builder
	for _, s := range p.Sites {
		fmt.Fprintf(&main, "\ttruth.Run(%q, p%d.%s)\n", s.Marker, s.Pkg, s.Marker)
		for name, text := range s.Extra {
			out[name] = text
		}
	}
	out["prog{P}/run.go"] = goFile("prog{P}", module, "prog{P}", "// Run runs every site.\nfunc Run() {\n"+main.String()+"}\n", true)
	return out
}

// goFile writes a Go file with the imports its body refers to.
func goFile(pkg, module, prog, body string, codes bool) string {
	imports := map[string]bool{}
	for _, m := range pkgRef.FindAllStringSubmatch(body, -1) {
		switch name := m[1]; name {
		case "kerror":
			imports[`"github.com/kerrlint/kerrlint/kerror"`] = true
		case "truth":
			imports[`"`+module+`/truth"`] = true
		case "errors", "strings":
			imports[`"`+name+`"`] = true
		default:
			if strings.HasPrefix(name, "prog") {
				imports[`"`+module+"/"+name+`"`] = true
			} else if name != pkg {
				imports[`"`+module+"/"+prog+"/"+name+`"`] = true
			}
		}
	}
	if codes {
		imports[`_ "`+module+`/codes"`] = true
	}
	list := make([]string, 0, len(imports))
	for imp := range imports {
		list = append(list, imp)
	}
	sort.Strings(list)
	var b strings.Builder
	fmt.Fprintf(&b, "package %s\n\n", pkg)
	if len(list) > 0 {
		b.WriteString("import (\n")
		for _, imp := range list {
			fmt.Fprintf(&b, "\t%s\n", imp)
		}
		b.WriteString(")\n\n")
	}
	b.WriteString(body)
	return b.String()
}
