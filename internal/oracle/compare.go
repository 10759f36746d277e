package oracle

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// Disagreement is a site where the runtime and the analyzer differ on one
// category: a Miss (the runtime misbehaves, nobody reported it), a False
// positive (reported, the runtime behaves), or an Unattributed diagnostic
// (outside every site).
type Disagreement struct {
	Marker   string
	Form     string
	Mutation string
	Category string
	Kind     string // "miss", "false-positive", "unattributed", "runtime", "crash", "metamorphic"
	Detail   string
}

func (d Disagreement) String() string {
	return fmt.Sprintf("%s [%s/%s] %s %s %s", d.Marker, d.Form, d.Mutation, d.Kind, d.Category, d.Detail)
}

// signature identifies a disagreement independently of its marker: the
// shrinker keeps a program as long as one with the same signature remains.
func (d Disagreement) signature() string { return d.Form + " " + d.Kind + " " + d.Category }

// Counts are true positives, false positives and misses of one category.
type Counts struct{ TP, FP, FN int }

// MutationCounts follow one kind of mutation: sites the generator mutated
// so, of which the runtime showed a misbehaviour, and of which the analyzer
// reported exactly what the runtime showed.
type MutationCounts struct{ Sites, Misbehaved, Agreed int }

// Stats aggregates a run.
type Stats struct {
	Programs, Sites, Mutated int
	Dynamic, DynamicBad      int // non-constant sites, of which misbehaving at run time
	ByCategory               map[string]*Counts
	ByMutation               map[string]*MutationCounts
	Disagreements            []Disagreement
	// RunTime is spent building and running programs, LintTime analysing them.
	RunTime, LintTime time.Duration
}

func newStats() *Stats {
	return &Stats{ByCategory: map[string]*Counts{}, ByMutation: map[string]*MutationCounts{}}
}

func (st *Stats) count(cat string) *Counts {
	c := st.ByCategory[cat]
	if c == nil {
		c = &Counts{}
		st.ByCategory[cat] = c
	}
	return c
}

// compare matches truth and verdict site by site; it adds to st and
// returns the disagreements found.
func compare(progs []*Program, truth map[string][]string, diags []Diagnostic, st *Stats) []Disagreement {
	reported := map[string]map[string]string{} // marker → category → message
	var out []Disagreement
	for _, d := range diags {
		if d.Category == internalError || d.Category == typeError {
			out = append(out, Disagreement{Kind: "crash", Category: d.Category, Detail: d.Posn + ": " + d.Message})
			continue
		}
		if d.Marker == "" || strings.HasPrefix(d.Marker, "decl:") {
			// Outside every site: in a shared declaration (named by its
			// key, numbers dropped, so that one kind of declaration has
			// one signature) or elsewhere.
			form := strings.Map(func(r rune) rune {
				if r >= '0' && r <= '9' {
					return -1
				}
				return r
			}, d.Marker)
			out = append(out, Disagreement{Form: form, Kind: "unattributed", Category: d.Category, Detail: d.Posn + ": " + d.Message})
			continue
		}
		if reported[d.Marker] == nil {
			reported[d.Marker] = map[string]string{}
		}
		reported[d.Marker][d.Category] = d.Message
	}
	for _, p := range progs {
		st.Programs++
		for _, s := range p.Sites {
			st.Sites++
			marker := p.render(s.Marker)
			kinds, ran := truth[marker]
			if s.Mutation != "" {
				st.Mutated++
				mc := st.ByMutation[s.Mutation]
				if mc == nil {
					mc = &MutationCounts{}
					st.ByMutation[s.Mutation] = mc
				}
				mc.Sites++
				if len(kinds) > 0 {
					mc.Misbehaved++
				}
				if ran && sameSet(kinds, reported[marker]) {
					mc.Agreed++
				}
			}
			dis := func(cat, kind, detail string) {
				out = append(out, Disagreement{marker, s.Form, s.Mutation, cat, kind, detail})
			}
			if !ran {
				dis("", "runtime", "the site did not run")
				continue
			}
			t := map[string]bool{}
			for _, k := range kinds {
				if k == "panic" || k == "not-raised" {
					dis(k, "runtime", "")
					continue
				}
				t[k] = true
			}
			v := reported[marker]
			if s.Dynamic {
				st.Dynamic++
				if len(t) > 0 {
					st.DynamicBad++
				}
				c := st.count("dynamic-id")
				if _, ok := v["dynamic-id"]; ok {
					c.TP++
				} else {
					c.FN++
					dis("dynamic-id", "miss", "a non-constant id not reported under -strict")
				}
				// What the analyzer still knows of a partly constant id
				// (an unknown subdomain) must be true; what it cannot see
				// is not a miss.
				for cat, msg := range v {
					switch {
					case cat == "dynamic-id":
					case t[cat]:
						st.count(cat).TP++
					default:
						st.count(cat).FP++
						dis(cat, "false-positive", msg)
					}
				}
				continue
			}
			for cat := range t {
				c := st.count(cat)
				if _, ok := v[cat]; ok {
					c.TP++
				} else {
					c.FN++
					dis(cat, "miss", "runtime: "+strings.Join(kinds, ","))
				}
			}
			for cat, msg := range v {
				if !t[cat] {
					st.count(cat).FP++
					dis(cat, "false-positive", msg)
				}
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	st.Disagreements = append(st.Disagreements, out...)
	return out
}

// Report renders st as a table: precision and recall per category.
func (st *Stats) Report() string {
	var b strings.Builder
	fmt.Fprintf(&b, "programs %d, sites %d (mutated %d, non-constant %d of which %d misbehave at run time)\n",
		st.Programs, st.Sites, st.Mutated, st.Dynamic, st.DynamicBad)
	fmt.Fprintf(&b, "build and run %v, kerrlint %v\n", st.RunTime.Round(time.Millisecond), st.LintTime.Round(time.Millisecond))
	cats := make([]string, 0, len(st.ByCategory))
	for c := range st.ByCategory {
		cats = append(cats, c)
	}
	sort.Strings(cats)
	fmt.Fprintf(&b, "%-20s %6s %6s %6s %9s %6s\n", "category", "TP", "FP", "FN", "precision", "recall")
	for _, c := range cats {
		n := st.ByCategory[c]
		fmt.Fprintf(&b, "%-20s %6d %6d %6d %9s %6s\n", c, n.TP, n.FP, n.FN, ratio(n.TP, n.TP+n.FP), ratio(n.TP, n.TP+n.FN))
	}
	muts := make([]string, 0, len(st.ByMutation))
	for m := range st.ByMutation {
		muts = append(muts, m)
	}
	sort.Strings(muts)
	fmt.Fprintf(&b, "%-22s %6s %10s %7s\n", "mutation", "sites", "misbehaved", "agreed")
	for _, m := range muts {
		mc := st.ByMutation[m]
		fmt.Fprintf(&b, "%-22s %6d %10d %7d\n", m, mc.Sites, mc.Misbehaved, mc.Agreed)
	}
	return b.String()
}

func ratio(a, b int) string {
	if b == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2f", float64(a)/float64(b))
}

// sameSet reports whether the runtime's kinds are exactly the reported
// categories (dynamic-id aside).
func sameSet(kinds []string, reported map[string]string) bool {
	n := 0
	for cat := range reported {
		if cat != "dynamic-id" {
			n++
		}
	}
	if n != len(kinds) {
		return false
	}
	for _, k := range kinds {
		if _, ok := reported[k]; !ok {
			return false
		}
	}
	return true
}
