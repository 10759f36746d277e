package analyzer

import (
	"fmt"
	"go/types"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kerrlint/kerrlint/registry"
)

// TestInitOrderAgainstGo builds random programs whose packages print their
// name from init (some have no initialization work at all) and compares the
// order the Go toolchain runs them in with initOrder's.
func TestInitOrderAgainstGo(t *testing.T) {
	if testing.Short() {
		t.Skip("builds programs")
	}
	dir := t.TempDir()
	write := func(name, text string) {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module m\n\ngo 1.22\n")
	r := rand.New(rand.NewPCG(7, 7))
	const programs, size = 6, 8
	type program struct {
		want []string // initOrder's order of the packages with work
		spec []string // the spec's rule applied to every package, then filtered
		// least and most are installOrders' on the program's types, every
		// package's initialization work known.
		least, most []string
	}
	var progs []program
	for p := range programs {
		var names []string
		imports := map[string][]string{}
		work := map[string]bool{}
		for range size {
			var name string
			for name == "" || slices.Contains(names, name) {
				name = string(rune('a'+r.IntN(4))) + string(rune('a'+r.IntN(4)))
				if len(names) > 0 && r.IntN(4) == 0 { // a/b sorts before ab
					name = names[r.IntN(len(names))] + "/" + string(rune('a'+r.IntN(3)))
				}
			}
			for _, dep := range names { // created earlier: no cycle
				if r.IntN(3) == 0 {
					imports[name] = append(imports[name], dep)
				}
			}
			work[name] = r.IntN(3) != 0
			names = append(names, name)
		}
		for _, name := range names {
			var b strings.Builder
			fmt.Fprintf(&b, "package %s\n\n", filepath.Base(name))
			for _, dep := range imports[name] {
				fmt.Fprintf(&b, "import _ \"m/g%d/%s\"\n", p, dep)
			}
			if work[name] {
				fmt.Fprintf(&b, "\nfunc init() { println(%q) }\n", name)
			}
			write(fmt.Sprintf("g%d/%s/p.go", p, name), b.String())
		}
		var main strings.Builder
		main.WriteString("package main\n\n")
		for _, name := range names {
			fmt.Fprintf(&main, "import _ \"m/g%d/%s\"\n", p, name)
		}
		main.WriteString("\nfunc main() {}\n")
		write(fmt.Sprintf("g%d/main%d/main.go", p, p), main.String())
		deps := func(n string) []string { // transitive
			seen := map[string]bool{}
			var walk func(string)
			walk = func(n string) {
				for _, d := range imports[n] {
					if !seen[d] {
						seen[d] = true
						walk(d)
					}
				}
			}
			walk(n)
			var out []string
			for d := range seen {
				out = append(out, "m/g"+fmt.Sprint(p)+"/"+d)
			}
			return out
		}
		var nodes []string
		for _, n := range names {
			if work[n] {
				nodes = append(nodes, fmt.Sprintf("m/g%d/%s", p, n))
			}
		}
		got := initOrder(nodes, func(path string) []string {
			return deps(strings.TrimPrefix(path, fmt.Sprintf("m/g%d/", p)))
		})
		for i := range got {
			got[i] = strings.TrimPrefix(got[i], fmt.Sprintf("m/g%d/", p))
		}
		all := make([]string, len(names))
		for i, n := range names {
			all[i] = fmt.Sprintf("m/g%d/%s", p, n)
		}
		var spec []string
		for _, path := range initOrder(all, func(path string) []string {
			var out []string
			for _, d := range imports[strings.TrimPrefix(path, fmt.Sprintf("m/g%d/", p))] {
				out = append(out, fmt.Sprintf("m/g%d/%s", p, d))
			}
			return out
		}) {
			if n := strings.TrimPrefix(path, fmt.Sprintf("m/g%d/", p)); work[n] {
				spec = append(spec, n)
			}
		}
		typed := map[string]*types.Package{}
		var rootImports []*types.Package
		for _, n := range names { // created after its imports
			tp := types.NewPackage(n, filepath.Base(n))
			var imps []*types.Package
			for _, d := range imports[n] {
				imps = append(imps, typed[d])
			}
			tp.SetImports(imps)
			typed[n] = tp
			rootImports = append(rootImports, tp)
		}
		root := types.NewPackage("main", "main")
		root.SetImports(rootImports)
		var working []string
		certain, idle := map[string]bool{}, map[string]bool{}
		for _, n := range names {
			if work[n] {
				working = append(working, n)
				certain[n] = true
			} else {
				idle[n] = true
			}
		}
		least, most := newImportGraph(root).installOrders(working, certain, idle)
		progs = append(progs, program{got, spec, least, most})
	}
	bin := filepath.Join(dir, "bin")
	build := exec.Command("go", "build", "-o", bin+string(filepath.Separator), "./...")
	build.Dir = dir
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	differ := 0
	for p, prog := range progs {
		out, err := exec.Command(filepath.Join(bin, fmt.Sprintf("main%d", p))).CombinedOutput()
		if err != nil {
			t.Fatalf("main%d: %v\n%s", p, err, out)
		}
		ran := strings.Fields(string(out))
		if !slices.Equal(ran, prog.want) {
			t.Errorf("program g%d: Go initializes %v, initOrder says %v", p, ran, prog.want)
		}
		if !slices.Equal(ran, prog.least) || !slices.Equal(ran, prog.most) {
			t.Errorf("program g%d: Go initializes %v, installOrders says %v and %v", p, ran, prog.least, prog.most)
		}
		if !slices.Equal(ran, prog.spec) {
			differ++
		}
	}
	// The programs must tell the two readings apart: the linker leaves out
	// the packages without initialization work.
	t.Logf("%d of %d programs differ from the spec's rule over every package", differ, programs)
	if differ == 0 {
		t.Errorf("no program is initialized otherwise than the spec's rule over every package: the test cannot tell them apart")
	}
}

// TestUncertainInstallOrder: two installs whose order depends on whether a
// package kerrlint sees only in export data has initialization work: the
// two readings differ, and so do their outcomes when the installs conflict.
func TestUncertainInstallOrder(t *testing.T) {
	pkg := func(path string, imports ...*types.Package) *types.Package {
		p := types.NewPackage(path, filepath.Base(path))
		p.SetImports(imports)
		return p
	}
	kerror := pkg("kerror")
	late := pkg("zlate")
	ordz := pkg("ordz", late)
	ordx := pkg("ordx", kerror, ordz)
	ordy := pkg("ordy", kerror)
	g := newImportGraph(pkg("app", ordx, ordy))
	least, most := g.installOrders([]string{"ordx", "ordy"}, nil, nil)
	if !slices.Equal(least, []string{"ordx", "ordy"}) || !slices.Equal(most, []string{"ordy", "ordx"}) {
		t.Fatalf("installOrders = %v, %v; want [ordx ordy] if zlate has no initialization work, [ordy ordx] if it has", least, most)
	}
	entry := func(id string) registry.Entry {
		d, s, n, _ := registry.ParseID(id)
		return registry.Entry{ID: id, Domain: d, Subdomain: s, Name: n, Code: 0x70010001, Class: "BadRequestError", Status: 400, Description: "d"}
	}
	byPkg := map[string][]initAction{
		"ordx": {{in: &install{Pkg: "ordx", Call: "x.go:1:1", Entries: newEntryList([]registry.Entry{entry("ord.x.first")})}}},
		"ordy": {{in: &install{Pkg: "ordy", Call: "y.go:1:1", Entries: newEntryList([]registry.Entry{entry("ord.x.second")})}}},
	}
	if least, most := g.installOrders([]string{"ordx", "ordy"}, nil, map[string]bool{"zlate": true, "ordz": true}); !slices.Equal(least, most) {
		t.Errorf("with zlate and ordz known to have no initialization work: %v, %v", least, most)
	}
	start := registry.NewState(registry.Default())
	var f *folds // every simulation folds anew
	a, b := f.simulate(start, least, byPkg), f.simulate(start, most, byPkg)
	if a.sameOutcome(b) {
		t.Error("conflicting installs in either order: same outcome")
	}
	if _, ok := a.rules.Lookup("ord.x.first"); !ok || len(a.conflicts) != 1 || a.conflicts[0].in.Pkg != "ordy" {
		t.Errorf("ordx then ordy: %+v", a.conflicts)
	}
	second := entry("ord.x.second")
	second.Code = 0x70010002 // no conflict: the order does not matter
	byPkg["ordy"][0].in.Entries = newEntryList([]registry.Entry{second})
	if !f.simulate(start, least, byPkg).sameOutcome(f.simulate(start, most, byPkg)) {
		t.Error("installs that do not conflict: outcomes differ by order")
	}
}
