package oracle

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
)

// notFollowed lists the rewrites, by name, the analyzer does not follow by
// design, with the reason the README's "What kerrlint does not follow"
// gives; the fixed-seed run skips them. Each has a test in the analyzer
// showing it stays quiet there.
var notFollowed = map[string]string{}

// followedRewrites are the rewrites the analyzer must follow.
func followedRewrites() []rewrite {
	var rws []rewrite
	for _, rw := range rewrites {
		if _, skip := notFollowed[rw.name]; !skip {
			rws = append(rws, rw)
		}
	}
	return rws
}

// TestMetamorphic generates programs from a fixed seed and requires the
// analyzer to report, site by site, the same diagnostics on every
// rewritten copy as on the original, and never to crash.
func TestMetamorphic(t *testing.T) {
	env := newEnv(t)
	cfg := Config{Packages: 3, Sites: 30, MutationRate: 0.5, Skip: skipKeys()}
	progs := Generate(2, 4, cfg)
	rws := followedRewrites()
	if names := os.Getenv("KERRLINT_ORACLE_REWRITES"); names != "" {
		rws = nil
		for _, name := range strings.Split(names, ",") {
			rw, ok := rewriteNamed(name)
			if !ok {
				t.Fatalf("no rewrite %q", name)
			}
			rws = append(rws, rw)
		}
	}
	counts := map[string]*MetaCounts{}
	dis, err := env.CheckRewrites(progs, rws, counts)
	if err != nil {
		t.Fatal(err)
	}
	t.Log(metaReport(counts))
	for _, d := range dis {
		t.Errorf("%s", d)
	}
	for _, rw := range rws {
		if c := counts[rw.name]; c == nil || c.Diags == 0 {
			t.Errorf("rewrite %s compared no diagnostic", rw.name)
		}
	}
}

// metaReport renders the per-rewrite counts.
func metaReport(counts map[string]*MetaCounts) string {
	var names []string
	for n := range counts {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	fmt.Fprintf(&b, "%-18s %6s %6s %7s %7s\n", "rewrite", "sites", "diags", "differ", "edits")
	for _, n := range names {
		c := counts[n]
		fmt.Fprintf(&b, "%-18s %6d %6d %7d %7d\n", n, c.Sites, c.Diags, c.Differ, c.Edits)
	}
	return b.String()
}
