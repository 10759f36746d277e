package oracle

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/txtar"
)

// reproduces reports whether the program still shows a disagreement with
// the signature of target, and returns it.
func (env *Env) reproduces(p *Program, target Disagreement) (Disagreement, bool, error) {
	dis, err := env.Check([]*Program{p}, newStats())
	if err != nil {
		return Disagreement{}, false, err
	}
	for _, d := range dis {
		if d.signature() == target.signature() {
			return d, true, nil
		}
	}
	return Disagreement{}, false, nil
}

// Shrink reduces p to fewer sites that still show target's kind of
// disagreement: first the target's site alone, then by removing halves,
// quarters, ... of the other sites (delta debugging), within maxChecks
// builds. It returns the smallest program found and its disagreement.
func (env *Env) Shrink(p *Program, target Disagreement, maxChecks int) (*Program, Disagreement, error) {
	var own *Site
	for _, s := range p.Sites {
		if p.render(s.Marker) == target.Marker {
			own = s
		}
	}
	best, bestDis := p, target
	if own != nil {
		alone := p.withSites([]*Site{own})
		if d, ok, err := env.reproduces(alone, target); err != nil || ok {
			return alone, d, err
		}
	}
	others := slices.DeleteFunc(slices.Clone(p.Sites), func(s *Site) bool { return s == own })
	checks := 1
	for chunk := (len(others) + 1) / 2; chunk >= 1 && checks < maxChecks; chunk /= 2 {
		for i := 0; i < len(others) && checks < maxChecks; {
			end := min(i+chunk, len(others))
			trial := slices.Concat(others[:i], others[end:])
			keep := trial
			if own != nil {
				keep = append(slices.Clone(trial), own)
			}
			checks++
			d, ok, err := env.reproduces(p.withSites(keep), target)
			if err != nil {
				return best, bestDis, err
			}
			if ok {
				others = trial
				best, bestDis = p.withSites(keep), d
				continue
			}
			i = end
		}
	}
	return best, bestDis, nil
}

// tempModule matches the scratch directory of a module in a diagnostic.
var tempModule = regexp.MustCompile(`\S*/mod\d+/`)

// genID matches the ids of the generated registry.
var genID = regexp.MustCompile(genDomain + `\.[a-z]+\.[a-z_]+`)

// reproHeader starts the comment of a reproducer file: the lines after it
// describe the sites (marker, form, mutation, dynamic), then the
// disagreement found.
const reproHeader = "kerrlint oracle reproducer"

// WriteReproducer writes p to dir/name.txtar: its files with their tokens,
// the sites, and the disagreement it shows.
func WriteReproducer(dir, name string, p *Program, d Disagreement, seed uint64) (string, error) {
	var comment strings.Builder
	fmt.Fprintf(&comment, "%s (seed %d)\n", reproHeader, seed)
	detail := tempModule.ReplaceAllString(d.Detail, "")
	fmt.Fprintf(&comment, "found: %s %s %s at %s: %s\n", d.Form, d.Kind, d.Category, d.Marker, detail)
	for _, s := range p.Sites {
		mut := s.Mutation
		if mut == "" {
			mut = "-"
		}
		fmt.Fprintf(&comment, "site %s %s %s %d %t\n", s.Marker, s.Form, mut, s.Pkg, s.Dynamic)
		for _, f := range s.Funcs {
			fmt.Fprintf(&comment, "funcs %s\n", f)
		}
	}
	files := p.rawFiles(module)
	u := theUniverse()
	var mentioned []string
	for _, text := range files {
		for _, id := range genID.FindAllString(text, -1) {
			if e, ok := u.byID[id]; ok && !slices.Contains(mentioned, id) {
				mentioned = append(mentioned, id)
				dep := ""
				if e.deprecated {
					dep = ", deprecated"
				}
				fmt.Fprintf(&comment, "registry %s: %s %s, message %q%s\n", id, codeLit(e.code), e.class, e.message, dep)
			}
		}
	}
	ar := &txtar.Archive{Comment: []byte(comment.String())}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		ar.Files = append(ar.Files, txtar.File{Name: n, Data: []byte(files[n])})
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	path := filepath.Join(dir, name+".txtar")
	return path, os.WriteFile(path, txtar.Format(ar), 0o644)
}

// ReadReproducer reads a reproducer as a program numbered num.
func ReadReproducer(path string, num int) (*Program, error) {
	ar, err := txtar.ParseFile(path)
	if err != nil {
		return nil, err
	}
	p := &Program{Num: num, Decls: map[string]*Decl{}, Files: map[string]string{}}
	for _, line := range strings.Split(string(ar.Comment), "\n") {
		f := strings.Fields(line)
		if len(f) == 2 && f[0] == "funcs" && len(p.Sites) > 0 {
			last := p.Sites[len(p.Sites)-1]
			last.Funcs = append(last.Funcs, f[1])
			continue
		}
		if len(f) != 6 || f[0] != "site" {
			continue
		}
		pkg, err1 := strconv.Atoi(f[4])
		dyn, err2 := strconv.ParseBool(f[5])
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("%s: bad site line %q", path, line)
		}
		mut := f[3]
		if mut == "-" {
			mut = ""
		}
		p.Sites = append(p.Sites, &Site{Marker: f[1], Form: f[2], Mutation: mut, Pkg: pkg, Dynamic: dyn})
	}
	if !strings.HasPrefix(string(ar.Comment), reproHeader) || len(p.Sites) == 0 {
		return nil, fmt.Errorf("%s: not a reproducer (no %q header or no site line)", path, reproHeader)
	}
	for _, f := range ar.Files {
		p.Files[f.Name] = string(f.Data)
	}
	return p, nil
}
