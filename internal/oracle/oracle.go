// Package oracle is a differential test of the kerrlint analyzer against the
// kerror runtime, as compiler testers use generated programs.
//
// The generator (gen.go, one function per site form) writes modules of
// several packages whose sites raise, compare, describe and define registry
// errors in every form the analyzer understands, each between
// "// oracle:begin MARKER" and "// oracle:end MARKER" lines, and mutates a
// share of them (typos, wrong class, placeholder count, status or code,
// duplicate or invalid Defines, deprecated ids, a message replaced by
// kerror.WithMessage). The programs install a generated registry with
// messages and deprecated ids (the embedded one has neither) from embedded
// files with kerror.InstallFS, which kerrlint follows; with Env.RegistryFlag
// they load it at run time and kerrlint reads the same files from -registry.
//
// The truth is what the runtime does: every site runs and package truth
// (truth.go) prints per marker what it observed — a fallback to
// core.fatal.unexpected_error, an assertion_failed, a %s left or an argument
// appended, a Define's Err(), and for literals and comparisons a look-up in
// the registry in use. The generator's intent is never consulted: it only
// labels statistics (Site.Mutation) and which ids are not compile-time
// constants (Site.Dynamic). The verdict is kerrlint -json -strict on the same
// module. Per marker and category, a misbehaviour nobody reported is a miss,
// a report on a site that behaves a false positive; a non-constant id must
// be reported as dynamic-id and nothing else.
//
// Metamorphic rewrites (metamorphic.go) check the analyzer against itself:
// each program is also analysed after rewrites Go gives the same meaning
// (parenthesised callees and arguments, intermediate variables, closures,
// defer and goroutines, constants moved to other files and packages, alias
// imports and type aliases, explicit instantiations, method values and
// expressions, an id-typed receiver, a facade package), and must get the
// same diagnostics site by site. A panic or an internal error of the
// analyzer is a failure of its own kind ("crash"), never a missing report.
//
// A batch of programs shares one module, one build and one kerrlint run.
// TestOracle and TestMetamorphic run a fixed seed in go test ./...;
// TestOracleLong runs random batches for $KERRLINT_ORACLE_TIME, rewrites
// included, and shrinks each new kind of disagreement to a reproducer in
// testdata/, which TestOracle replays.
package oracle

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// universeSeed fixes the generated registry, so that reproducers written to
// testdata replay against the same registry whatever the batch seed.
const universeSeed = 1

// NewEnv builds kerrlint from the module at root into work.
func NewEnv(root, work string) (*Env, error) {
	root, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	bin := filepath.Join(work, "kerrlint")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/kerrlint")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("go build ./cmd/kerrlint: %v\n%s", err, out)
	}
	return &Env{Root: root, Kerrlint: bin, Work: work}, nil
}

// Generate writes n programs from seed.
func Generate(seed uint64, n int, cfg Config) []*Program {
	g := &gen{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), u: theUniverse(), cfg: cfg}
	progs := make([]*Program, n)
	for i := range progs {
		progs[i] = g.generate(i)
	}
	return progs
}

func theUniverse() *universe {
	return newUniverse(rand.New(rand.NewPCG(universeSeed, universeSeed)))
}

// Check writes progs as one module, builds and runs them, analyses them, and
// compares; the disagreements are added to st and returned.
func (env *Env) Check(progs []*Program, st *Stats) ([]Disagreement, error) {
	dir, err := os.MkdirTemp(env.Work, "mod")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	if err := env.writeModule(dir, theUniverse(), progs); err != nil {
		return nil, err
	}
	start := time.Now()
	truth, err := truths(dir)
	if err != nil {
		return nil, err
	}
	st.RunTime += time.Since(start)
	start = time.Now()
	diags, err := env.verdicts(dir, progs)
	if err != nil {
		return nil, err
	}
	st.LintTime += time.Since(start)
	// Narrowing, which leaves out before listing the packages that syntax
	// says cannot be relevant, must change nothing.
	listAll := *env
	listAll.ListAll = true
	all, err := listAll.verdicts(dir, progs)
	if err != nil {
		return nil, err
	}
	if a, b := diagnosticLines(diags), diagnosticLines(all); !slices.Equal(a, b) {
		return nil, fmt.Errorf("kerrlint with narrowing:\n%s\nwith -list-all:\n%s", strings.Join(a, "\n"), strings.Join(b, "\n"))
	}
	return compare(progs, truth, diags, st), nil
}

// diagnosticLines returns the diagnostics as sorted lines, for comparing.
func diagnosticLines(diags []Diagnostic) []string {
	lines := make([]string, len(diags))
	for i, d := range diags {
		lines[i] = d.Posn + ": " + d.Category + ": " + d.Message
	}
	slices.Sort(lines)
	return lines
}
