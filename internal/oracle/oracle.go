// Package oracle is a differential test of the kerrlint analyzer against the
// kerror runtime: it generates programs whose sites raise, compare, define
// and describe registry errors, runs them to see what the runtime does at
// each site (the truth), analyses them with kerrlint -json -strict (the
// verdict), and reports every site where the two disagree.
package oracle

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
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
	return compare(progs, truth, diags, st), nil
}
