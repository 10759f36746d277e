package registry

import (
	"slices"
	"strings"
)

// Suggest returns up to n registered entries whose id is close to id, best
// first: ids within a few typos (insertions, deletions, substitutions,
// swapped neighbours, counted part by part), and the same name in a sibling
// subdomain of the same domain, ranked between one typo and two.
func (r *Registry) Suggest(id string, n int) []*Entry {
	limit := 1 + len(id)/10
	limit = min(limit, 3)
	type scored struct {
		e     *Entry
		score int // twice the edit distance, so that rules can rank between typos
	}
	best := map[*Entry]int{}
	consider := func(e *Entry, score int) {
		if e.ID == id {
			return
		}
		if s, ok := best[e]; !ok || score < s {
			best[e] = score
		}
	}
	if d, s, name, ok := SplitID(id); ok {
		for dname, subs := range r.parts {
			dd := distance(d, dname, limit)
			if dd > limit {
				continue
			}
			for sname := range subs {
				ds := dd + distance(s, sname, limit-dd)
				if ds > limit {
					continue
				}
				for _, e := range r.bySub[dname+"."+sname] {
					if dist := ds + distance(name, e.Name, limit-ds); dist <= limit {
						consider(e, 2*dist)
					}
				}
			}
		}
		for _, e := range r.byName[name] {
			if e.Domain == d {
				consider(e, 3) // a sibling subdomain: ranks between one typo and two
			}
		}
	} else {
		for _, e := range r.entries {
			if dist := distance(id, e.ID, limit); dist <= limit {
				consider(e, 2*dist)
			}
		}
	}
	list := make([]scored, 0, len(best))
	for e, s := range best {
		list = append(list, scored{e, s})
	}
	slices.SortFunc(list, func(a, b scored) int {
		if a.score != b.score {
			return a.score - b.score
		}
		return strings.Compare(a.e.ID, b.e.ID)
	})
	out := make([]*Entry, 0, min(n, len(list)))
	for _, s := range list[:min(n, len(list))] {
		out = append(out, s.e)
	}
	return out
}

// distance returns the optimal-string-alignment distance between a and b
// (Levenshtein plus transposition of neighbours), or bound+1 as soon as it
// is known to exceed bound.
func distance(a, b string, bound int) int {
	if bound < 0 {
		return bound + 1
	}
	if abs(len(a)-len(b)) > bound {
		return bound + 1
	}
	if a == b {
		return 0
	}
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > bound {
			return bound + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(b)], bound+1)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// SuggestSubdomain returns up to n registered [domain, subdomain] pairs close
// to domain.subdomain, best first.
func (r *Registry) SuggestSubdomain(domain, subdomain string, n int) [][2]string {
	typed := domain + "." + subdomain
	limit := min(1+len(typed)/10, 3)
	type scored struct {
		pair [2]string
		dist int
	}
	var list []scored
	for d, subs := range r.parts {
		for s := range subs {
			if dist := distance(typed, d+"."+s, limit); dist <= limit {
				list = append(list, scored{[2]string{d, s}, dist})
			}
		}
	}
	slices.SortFunc(list, func(a, b scored) int {
		if a.dist != b.dist {
			return a.dist - b.dist
		}
		return strings.Compare(a.pair[0]+"."+a.pair[1], b.pair[0]+"."+b.pair[1])
	})
	out := make([][2]string, 0, min(n, len(list)))
	for _, s := range list[:min(n, len(list))] {
		out = append(out, s.pair)
	}
	return out
}
