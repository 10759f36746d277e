package oracle

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// knownDisagreement is a disagreement between the runtime and the analyzer
// that the oracle found and that is not fixed yet. Its reproducer is
// testdata/NAME.txtar; the fixed-seed run does not generate its form (Skip)
// so that it stays green on everything else. Fix the analyzer or the
// runtime, then delete the entry: the reproducer stays as a regression test.
type knownDisagreement struct {
	Skip       string   // generator key: form, or form/mutation
	Signatures []string // form kind category (Disagreement.signature): how it shows
	Class      string   // analyzer miss, false positive, runtime wrong, by design
	Reason     string
}

// knownDisagreements is the allowlist the lead empties as fixes land.
var knownDisagreements = map[string]knownDisagreement{
	"wrapper-interface": {
		Skip: "wrapper-interface",
		Signatures: []string{"wrapper-interface miss unknown-id", "wrapper-interface miss deprecated-id",
			"wrapper-interface miss placeholder-count"},
		Class: "by design (dynamic dispatch), not reported under -strict either",
		Reason: "a wrapper method called through an interface (var f interface{ Fail(...) } = &Service{}) " +
			"is not a raise site: the analyzer cannot know the dynamic type; nothing says so, even with -strict",
	},
}

func skipKeys() map[string]string {
	m := map[string]string{}
	for name, k := range knownDisagreements {
		m[k.Skip] = name
	}
	return m
}

// newEnv builds kerrlint once for the test.
func newEnv(t *testing.T) *Env {
	t.Helper()
	env, err := NewEnv("../..", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return env
}

// reproducers reads testdata/*.txtar, numbered from 100 so that they join a
// batch of generated programs.
func reproducers(t *testing.T) (progs []*Program, names map[*Program]string) {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	names = map[*Program]string{}
	for i, path := range paths {
		p, err := ReadReproducer(path, 100+i)
		if err != nil {
			t.Fatal(err)
		}
		progs = append(progs, p)
		names[p] = strings.TrimSuffix(filepath.Base(path), ".txtar")
	}
	return progs, names
}

// TestOracle generates programs from a fixed seed, runs them with the
// reproducers of testdata, and requires kerrlint to report exactly the sites
// that misbehave at run time, but for the known disagreements.
func TestOracle(t *testing.T) {
	env := newEnv(t)
	cfg := Config{Packages: 3, Sites: 40, MutationRate: 0.5, Skip: skipKeys()}
	progs := Generate(1, 10, cfg)
	repros, names := reproducers(t)
	st := newStats()
	dis, err := env.Check(append(progs, repros...), st)
	if err != nil {
		t.Fatal(err)
	}
	t.Log(st.Report())
	byProg := map[string]*Program{}
	for _, p := range repros {
		byProg[p.Name()] = p
	}
	shown := map[string]bool{}
	for _, d := range dis {
		if p := byProg[progOfDisagreement(d)]; p != nil {
			name := names[p]
			if k, ok := knownDisagreements[name]; ok && slices.Contains(k.Signatures, d.signature()) {
				shown[name] = true
				continue
			}
		}
		t.Errorf("%s", d)
	}
	for _, p := range repros {
		name := names[p]
		if _, ok := knownDisagreements[name]; ok && !shown[name] {
			t.Errorf("testdata/%s.txtar no longer shows its disagreement: delete %q from knownDisagreements", name, name)
		}
	}
	for name, k := range knownDisagreements {
		if _, err := os.Stat(filepath.Join("testdata", name+".txtar")); err != nil {
			t.Errorf("known disagreement %q (%s) has no reproducer: %v", name, k.Signatures[0], err)
		}
	}
	// The run must exercise every check it can judge: a generator that
	// stopped mutating would otherwise pass.
	for _, cat := range []string{"unknown-id", "class-mismatch", "status-mismatch", "code-mismatch",
		"placeholder-count", "deprecated-id", "duplicate-id", "duplicate-code", "invalid-definition", "dynamic-id", "invalid-registry"} {
		if c := st.ByCategory[cat]; c == nil || c.TP == 0 {
			t.Errorf("no site misbehaved as %s: the generator does not exercise it", cat)
		}
	}
}

// progOfDisagreement returns the program directory a disagreement is in.
func progOfDisagreement(d Disagreement) string {
	if d.Marker != "" && !strings.HasPrefix(d.Marker, "decl:") {
		return progOf(d.Marker)
	}
	if m := progDir.FindStringSubmatch(d.Detail); m != nil {
		return m[1]
	}
	return ""
}

var progDir = regexp.MustCompile(`/(prog\d+)/`)

// progOf returns the program directory of a marker (P12S3 → prog12).
func progOf(marker string) string {
	num, _, _ := strings.Cut(strings.TrimPrefix(marker, "P"), "S")
	return "prog" + num
}

// TestOracleLong runs random batches for $KERRLINT_ORACLE_TIME (e.g. 1h),
// known disagreements included, from $KERRLINT_ORACLE_SEED or a random seed
// it prints; $KERRLINT_ORACLE_FORMS (comma-separated) limits the forms. Each new kind of disagreement is shrunk to a reproducer in
// testdata/ (found-*.txtar): classify it, then add it to
// knownDisagreements or fix what it shows.
func TestOracleLong(t *testing.T) {
	budget := os.Getenv("KERRLINT_ORACLE_TIME")
	if budget == "" {
		t.Skip("set KERRLINT_ORACLE_TIME=1h for a long random run")
	}
	d, err := time.ParseDuration(budget)
	if err != nil {
		t.Fatalf("KERRLINT_ORACLE_TIME: %v", err)
	}
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("KERRLINT_ORACLE_SEED"); s != "" {
		if seed, err = strconv.ParseUint(s, 10, 64); err != nil {
			t.Fatalf("KERRLINT_ORACLE_SEED: %v", err)
		}
	}
	t.Logf("seed %d (replay: KERRLINT_ORACLE_SEED=%d)", seed, seed)
	env := newEnv(t)
	known := map[string]string{}
	for name, k := range knownDisagreements {
		for _, sig := range k.Signatures {
			known[sig] = name
		}
	}
	cfg := Config{Packages: 4, Sites: 60, MutationRate: 0.5}
	written := map[string]bool{}
	if f := os.Getenv("KERRLINT_ORACLE_FORMS"); f != "" {
		cfg.Forms = strings.Split(f, ",")
	}
	st := newStats()
	meta := map[string]*MetaCounts{}
	metaSeen := map[string]bool{}
	deadline := time.Now().Add(d)
	for batch := uint64(0); time.Now().Before(deadline); batch++ {
		progs := Generate(seed+batch, 10, cfg)
		env.RegistryFlag = batch%2 == 1 // both ways a registry reaches kerrlint
		dis, err := env.Check(progs, st)
		if err != nil {
			t.Fatalf("batch %d (seed %d): %v", batch, seed+batch, err)
		}
		// The same programs under every rewrite: a new kind of difference
		// is an error (metamorphic disagreements are not shrunk).
		mdis, err := env.CheckRewrites(progs, followedRewrites(), meta)
		if err != nil {
			t.Fatalf("batch %d (seed %d), rewrites: %v", batch, seed+batch, err)
		}
		for _, dd := range mdis {
			if sig := dd.Form + " " + dd.Mutation + " " + dd.Kind; !metaSeen[sig] {
				metaSeen[sig] = true
				t.Errorf("new metamorphic disagreement (seed %d): %s", seed+batch, dd)
			}
		}
		if batch%20 == 19 {
			t.Logf("%v: %d batches, %d programs, %d sites, %d disagreements", time.Now().Format(time.TimeOnly), batch+1, st.Programs, st.Sites, len(st.Disagreements))
		}
		for _, dd := range dis {
			sig := dd.signature()
			name, ok := known[sig]
			if ok {
				if _, err := os.Stat(filepath.Join("testdata", name+".txtar")); err == nil || written[name] {
					continue
				}
				// A known disagreement without its reproducer yet.
			} else {
				name = "found-" + strings.NewReplacer(" ", "-", "/", "-", ":", "-").Replace(sig)
				known[sig] = name
				t.Errorf("new disagreement (seed %d): %s", seed+batch, dd)
			}
			written[name] = true
			p := progs[0]
			for _, q := range progs {
				if q.Name() == progOfDisagreement(dd) {
					p = q
				}
			}
			small, sd, err := env.Shrink(p, dd, 40)
			if err != nil {
				t.Fatalf("shrinking: %v", err)
			}
			path, err := WriteReproducer("testdata", name, small, sd, seed+batch)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("reproducer (%d sites): %s", len(small.Sites), path)
		}
	}
	t.Log(st.Report())
	t.Log("rewrites:\n" + metaReport(meta))
	summary := map[string]int{}
	for _, dd := range st.Disagreements {
		summary[dd.signature()]++
	}
	var lines []string
	for sig, n := range summary {
		lines = append(lines, fmt.Sprintf("%6d  %s (%s)", n, sig, known[sig]))
	}
	sort.Strings(lines)
	t.Logf("disagreements by kind:\n%s", strings.Join(lines, "\n"))
}
