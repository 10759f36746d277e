package oracle

import (
	"fmt"
	"slices"
	"strings"
)

// mutInstallConflict makes two of the registries a site's packages install
// give one code to two ids: the one installed second fails, and which is
// second is Go's initialization order across the import closure.
const mutInstallConflict = "install-conflict"

// installSubBase is the first subdomain code of install sites, in the
// program's Define domain (whose own subdomains are 1 to Packages).
const installSubBase = 0x80

// formInstallOrder writes three packages that install registries from
// embedded files (kerror.InstallFS, in init or a variable's initialiser),
// importing one another and a package with no initialization work in a
// random structure under random names, so that Go's initialization order
// differs from the order of the imports; the site imports some of them and
// raises one of the ids installed. The truth records whether each install
// failed (invalid-registry) and whether the raise fell back (unknown-id).
// Every file is inside the site's markers: a conflict is reported at a
// call or at an import of one of them.
func formInstallOrder(g *gen, s *Site, mut string) bool {
	n := len(g.prog.Sites)
	if installSubBase+n > 0xFF {
		return false
	}
	sub := fmt.Sprintf("i%d", n)
	letters := []string{"a", "b", "c", "m", "x", "z"}
	g.r.Shuffle(len(letters), func(i, j int) { letters[i], letters[j] = letters[j], letters[i] })
	installers, through := letters[:3], letters[3]
	pkgPath := func(name string) string { return fmt.Sprintf("%s/prog{P}/inst%d%s", module, n, name) }
	// Codes: distinct, except that a conflict gives two installers one.
	codes := []int{1, 2, 3}
	if mut == mutInstallConflict {
		i := g.r.IntN(3)
		codes[i] = codes[(i+1+g.r.IntN(2))%3]
	}
	imports := map[string][]string{}
	for i, name := range installers {
		for _, dep := range installers[:i] { // created earlier: no cycle
			if g.r.IntN(3) == 0 {
				imports[name] = append(imports[name], dep)
			}
		}
	}
	imports[through] = []string{installers[g.r.IntN(3)]}
	roots := []string{through}
	for _, name := range installers {
		if g.r.IntN(2) == 0 {
			roots = append(roots, name)
		}
	}
	// Every installer is in the site's closure: one the program does not
	// link never runs.
	reached := map[string]bool{}
	var reach func(string)
	reach = func(name string) {
		if !reached[name] {
			reached[name] = true
			for _, dep := range imports[name] {
				reach(dep)
			}
		}
	}
	for _, r := range roots {
		reach(r)
	}
	for _, name := range installers {
		if !reached[name] {
			roots = append(roots, name)
			reach(name)
		}
	}
	s.Extra = map[string]string{}
	var names []string
	for i, name := range installers {
		names = append(names, s.Marker+name)
		dir := fmt.Sprintf("prog{P}/inst%d%s", n, name)
		json := fmt.Sprintf(`{"code": {DN}, "subDomains": {%q: {"code": %d, "errors": {"e%s": {"description": "d", "code": %d, "message": "Installed %s.", "class": "BadRequestError"}}}}}`+"\n",
			sub, installSubBase+n, name, codes[i], name)
		s.Extra[dir+"/codes/{DN}-gdef{P}.json"] = json
		var b strings.Builder
		fmt.Fprintf(&b, "package inst%d%s\n\n// oracle:begin %s\nimport (\n\t\"embed\"\n\n\t\"github.com/kerrlint/kerrlint/kerror\"\n\t%q\n", n, name, s.Marker, module+"/truth")
		for _, dep := range imports[name] {
			fmt.Fprintf(&b, "\t_ %q\n", pkgPath(dep))
		}
		b.WriteString(")\n\n//go:embed codes/*.json\nvar files embed.FS\n\n")
		install := fmt.Sprintf("truth.Install(%q, kerror.InstallFS(files, \"codes\"))", s.Marker+name)
		if g.r.IntN(2) == 0 {
			fmt.Fprintf(&b, "func init() { _ = %s }\n", install)
		} else {
			fmt.Fprintf(&b, "var _ = %s\n", install)
		}
		fmt.Fprintf(&b, "// oracle:end %s\n", s.Marker)
		s.Extra[dir+"/install.go"] = b.String()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "// Package inst%d%s only imports: it has no initialization work.\npackage inst%d%s\n\n// oracle:begin %s\n", n, through, n, through, s.Marker)
	for _, dep := range imports[through] {
		fmt.Fprintf(&b, "import _ %q\n", pkgPath(dep))
	}
	fmt.Fprintf(&b, "// oracle:end %s\n", s.Marker)
	s.Extra[fmt.Sprintf("prog{P}/inst%d%s/through.go", n, through)] = b.String()
	// The site's file: its imports inside its markers.
	var site strings.Builder
	fmt.Fprintf(&site, "package p%d\n\n// oracle:begin %s\nimport (\n\t\"github.com/kerrlint/kerrlint/kerror\"\n\t%q\n", s.Pkg, s.Marker, module+"/truth")
	slices.Sort(roots)
	for _, r := range roots {
		fmt.Fprintf(&site, "\t_ %q\n", pkgPath(r))
	}
	raised := installers[g.r.IntN(3)]
	if mut == mutTypo {
		raised += "x"
	}
	quoted := make([]string, len(names))
	for i, name := range names {
		quoted[i] = fmt.Sprintf("%q", name)
	}
	fmt.Fprintf(&site, ")\n\nfunc %s() {\n\ttruth.Installed(%q, kerror.New(\"gdef{P}.%s.e%s\"), %s)\n}\n// oracle:end %s\n",
		s.Marker, s.Marker, sub, raised, strings.Join(quoted, ", "), s.Marker)
	s.Extra[fmt.Sprintf("prog{P}/p%d/inst%d.go", s.Pkg, n)] = site.String()
	return true
}
