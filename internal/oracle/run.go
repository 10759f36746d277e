package oracle

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// module is the name of the generated module.
const module = "oraclegen"

// codesSource installs the generated registry as a program carries it:
// embedded files and kerror.InstallFS, which kerrlint reads too.
const codesSource = `// Package codes installs the generated registry from embedded files.
package codes

import (
	"embed"

	"github.com/kerrlint/kerrlint/kerror"
)

//go:embed json/*.json
var files embed.FS

func init() {
	if err := kerror.InstallFS(files, "json"); err != nil {
		panic(err)
	}
}
`

// codesFlagSource installs the same registry at run time through
// registry.LoadFS, which kerrlint cannot follow: it reads it from -registry.
const codesFlagSource = `// Package codes installs the generated registry from embedded files.
package codes

import (
	"embed"

	"github.com/kerrlint/kerrlint/kerror"
	"github.com/kerrlint/kerrlint/registry"
)

//go:embed json/*.json
var files embed.FS

func init() {
	r, err := registry.LoadFS(files, "json")
	if err == nil {
		err = kerror.Install(r)
	}
	if err != nil {
		panic(err)
	}
}
`

// Env is what a batch needs: the kerrlint source tree (the replace target)
// and a kerrlint binary built from it.
type Env struct {
	Root     string // kerrlint module root
	Kerrlint string // kerrlint binary
	Work     string // scratch directory
	// RegistryFlag has the programs install their registry through
	// registry.LoadFS and kerrlint read it from -registry, instead of
	// kerror.InstallFS, which kerrlint follows by itself.
	RegistryFlag bool
	// ListAll has kerrlint list every package (-list-all), without
	// narrowing: Check compares the two.
	ListAll bool
}

// writeModule writes the programs as one module under dir: they share the
// generated registry, the truth package and one build and one analysis.
func (env *Env) writeModule(dir string, u *universe, progs []*Program) error {
	sum, err := os.ReadFile(filepath.Join(env.Root, "go.sum"))
	if err != nil {
		return err
	}
	codes := codesSource
	if env.RegistryFlag {
		codes = codesFlagSource
	}
	files := map[string]string{
		"go.mod":                    fmt.Sprintf("module %s\n\ngo 1.26.0\n\nrequire github.com/kerrlint/kerrlint v0.0.0\n\nreplace github.com/kerrlint/kerrlint => %s\n", module, env.Root),
		"go.sum":                    string(sum),
		"codes/codes.go":            codes,
		"codes/json/" + genFileName: string(u.genJSON),
		"truth/truth.go":            truthSource,
	}
	var main strings.Builder
	for _, p := range progs {
		for name, text := range p.files(module) {
			files[name] = text
		}
		fmt.Fprintf(&main, "\t%s.Run()\n", p.Name())
	}
	files["run/main.go"] = goFile("main", module, "", "func main() {\n"+main.String()+"}\n", false)
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	for name, text := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// genFileName is the generated registry's file: a Kuzzle v2 domain file.
var genFileName = fmt.Sprintf("%d-%s.json", genDomainCode, genDomain)

// command runs name in dir and returns its standard output.
func command(dir string, name string, args ...string) ([]byte, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return out, fmt.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr.Bytes())
	}
	return out, nil
}

// truths builds and runs every program of the module in dir and returns,
// per marker, the kinds the runtime showed ("" for ok).
func truths(dir string) (map[string][]string, error) {
	if _, err := command(dir, "go", "build", "-o", "bin/run", "./run"); err != nil {
		return nil, err
	}
	out := map[string][]string{}
	stdout, err := command(dir, filepath.Join(dir, "bin", "run"))
	if err != nil {
		return nil, err
	}
	{
		sc := bufio.NewScanner(bytes.NewReader(stdout))
		for sc.Scan() {
			f := strings.Fields(sc.Text())
			if len(f) != 3 || f[0] != "MARK" {
				continue
			}
			if f[2] == "ok" {
				out[f[1]] = nil
			} else {
				out[f[1]] = strings.Split(f[2], ",")
			}
		}
	}
	return out, nil
}

// Diagnostic is one kerrlint report, attributed to a site or not.
type Diagnostic struct {
	Posn     string `json:"posn"`
	Message  string `json:"message"`
	Category string `json:"category"`
	Marker   string `json:"-"`
	file     string // Posn's file
}

// internalError is the category of a crash: the analyzer panicked, or
// reported an internal error for a package. It is a failure of its own
// kind, never a diagnostic of a site.
const internalError = "internal-error"

// typeError is the category of a package that does not type-check, which
// the driver does not analyse (skippedMessage).
const (
	typeError      = "type-error"
	skippedMessage = "analysis skipped due to errors in package"
)

// verdicts runs kerrlint -json -strict on the module in dir and returns its
// diagnostics, each attributed to the site whose block holds it. copies
// names the directories holding rewritten copies of the programs.
func (env *Env) verdicts(dir string, progs []*Program, copies ...string) ([]Diagnostic, error) {
	args := []string{"-json", "-strict"}
	if env.ListAll {
		args = append(args, "-list-all")
	}
	if env.RegistryFlag {
		args = append(args, "-registry", filepath.Join(dir, "codes", "json"))
	}
	var funcs []string
	for _, p := range progs {
		for _, f := range p.funcs() {
			funcs = append(funcs, f)
			for _, c := range copies { // the same functions in each copy of the programs under c/
				funcs = append(funcs, strings.Replace(f, module+"/", module+"/"+c+"/", 1))
			}
		}
	}
	if len(funcs) > 0 {
		args = append(args, "-funcs", strings.Join(funcs, ","))
	}
	out, err := command(dir, env.Kerrlint, append(args, "./...")...)
	if err != nil && strings.Contains(err.Error(), "panic:") {
		return []Diagnostic{{Category: internalError, Message: firstLines(err.Error(), 12)}}, nil
	}
	if err != nil && len(out) == 0 {
		return nil, err
	}
	var tree map[string]map[string]json.RawMessage
	if jerr := json.Unmarshal(out, &tree); jerr != nil {
		return nil, fmt.Errorf("kerrlint -json: %v (%v)\n%s", jerr, err, out)
	}
	var diags []Diagnostic
	for pkg, byAnalyzer := range tree {
		for _, raw := range byAnalyzer {
			var list []Diagnostic
			if jerr := json.Unmarshal(raw, &list); jerr != nil {
				var failed struct{ Error string }
				if json.Unmarshal(raw, &failed) == nil && failed.Error != "" {
					cat := internalError
					if failed.Error == skippedMessage {
						cat = typeError
					}
					diags = append(diags, Diagnostic{Posn: pkg, Category: cat, Message: failed.Error})
					continue
				}
				return nil, fmt.Errorf("kerrlint -json on %s: %s", pkg, raw)
			}
			diags = append(diags, list...)
		}
	}
	blocks := map[string][]block{}
	for i := range diags {
		d := &diags[i]
		file, line, ok := splitPosn(d.Posn)
		if !ok {
			continue
		}
		d.file = file
		if _, seen := blocks[file]; !seen {
			blocks[file] = readBlocks(file)
		}
		for _, b := range blocks[file] {
			if line > b.begin && line < b.end {
				d.Marker = b.marker
			}
		}
	}
	sort.Slice(diags, func(i, j int) bool { return diags[i].Posn < diags[j].Posn })
	return diags, nil
}

// firstLines returns the first n lines of s.
func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	return strings.Join(lines[:min(n, len(lines))], "\n")
}

var posnRE = regexp.MustCompile(`^(.*):(\d+):(\d+)$`)

func splitPosn(posn string) (string, int, bool) {
	m := posnRE.FindStringSubmatch(posn)
	if m == nil {
		return "", 0, false
	}
	line, _ := strconv.Atoi(m[2])
	return m[1], line, true
}

type block struct {
	marker     string
	begin, end int
}

// readBlocks finds the "// oracle:begin M" ... "// oracle:end M" blocks of a file.
func readBlocks(file string) []block {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil
	}
	var out []block
	open := map[string]int{}
	for i, line := range strings.Split(string(data), "\n") {
		if m, ok := strings.CutPrefix(line, "// oracle:begin "); ok {
			open[m] = i + 1
		} else if m, ok := strings.CutPrefix(line, "// oracle:end "); ok {
			out = append(out, block{m, open[m], i + 1})
		}
	}
	return out
}
