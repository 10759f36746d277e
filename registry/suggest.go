package registry

import (
	"cmp"
	"slices"
	"strings"
)

// Suggest returns up to n registered entries whose id is close to id, best
// first: ids within a few typos (insertions, deletions, substitutions,
// swapped neighbours, counted part by part), and the same name in a sibling
// subdomain of the same domain, ranked between one typo and two.
func (r *Registry) Suggest(id string, n int) []*Entry {
	r = r.full()
	limit := 1 + len(id)/10
	limit = min(limit, 3)
	type scored struct {
		e     *Entry
		score int // twice the edit distance, so that rules can rank between typos
	}
	best := map[*Entry]int{}
	// counts[d] is how many candidates are within distance d: once n are
	// within d, nothing farther than d can make the list.
	var counts [4]int
	consider := func(e *Entry, score int) {
		if e.ID == id {
			return
		}
		if s, ok := best[e]; ok && s <= score {
			return
		}
		best[e] = score
		if d := score / 2; d < len(counts) {
			for k := d; k < len(counts); k++ {
				counts[k]++
			}
			for limit > 0 && counts[limit-1] >= n {
				limit--
			}
		}
	}
	if d, s, name, ok := ParseID(id); ok {
		// The subdomains within reach, closest first, so that the limit
		// shrinks before the far ones are scanned.
		type near struct {
			key  subdomainKey
			dist int
		}
		var subs []near
		subDist := map[string]int{} // domains often share subdomain names
		for dname, names := range r.parts {
			dd := distance(d, dname, limit)
			if dd > limit {
				continue
			}
			for sname := range names {
				ds, ok := subDist[sname]
				if !ok {
					ds = distance(s, sname, limit)
					subDist[sname] = ds
				}
				if dd+ds <= limit {
					subs = append(subs, near{subdomainKey{dname, sname}, dd + ds})
				}
			}
		}
		slices.SortFunc(subs, func(a, b near) int {
			if a.dist != b.dist {
				return a.dist - b.dist
			}
			return cmp.Or(strings.Compare(a.key.domain, b.key.domain), strings.Compare(a.key.subdomain, b.key.subdomain))
		})
		for _, sub := range subs {
			if sub.dist > limit {
				break
			}
			if sub.dist == limit { // no typo left for the name: it must match
				if e, ok := r.byID[sub.key.domain+"."+sub.key.subdomain+"."+name]; ok {
					consider(e, 2*sub.dist)
				}
				continue
			}
			for _, e := range r.bySub[sub.key] {
				if dist := sub.dist + distance(name, e.Name, limit-sub.dist); dist <= limit {
					consider(e, 2*dist)
				}
			}
		}
		for sibling := range r.parts[d] { // the same name in a sibling subdomain
			if e, ok := r.byID[d+"."+sibling+"."+name]; ok {
				consider(e, 3) // ranks between one typo and two
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
// is known to exceed bound. Only the diagonal band of width 2*bound+1 is
// computed, in three rows kept on the stack for ids of ordinary length.
func distance(a, b string, bound int) int {
	if bound < 0 || abs(len(a)-len(b)) > bound {
		return bound + 1
	}
	if a == b {
		return 0
	}
	const stackLen = 64
	var buf [3 * stackLen]int
	var rows []int
	if n := len(b) + 1; n <= stackLen {
		rows = buf[:3*n]
	} else {
		rows = make([]int, 3*n)
	}
	n := len(b) + 1
	prev2, prev, cur := rows[:n], rows[n:2*n], rows[2*n:]
	inf := bound + 1
	for j := range prev {
		prev[j] = min(j, inf)
	}
	for i := 1; i <= len(a); i++ {
		lo, hi := max(1, i-bound), min(len(b), i+bound)
		if lo > 1 {
			cur[lo-1] = inf
		} else {
			cur[0] = min(i, inf)
		}
		rowMin := cur[lo-1]
		for j := lo; j <= hi; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := prev[j-1] + cost
			if j <= i-1+bound { // prev[j] is inside the previous row's band
				v = min(v, prev[j]+1)
			}
			v = min(v, cur[j-1]+1)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = min(v, inf)
			rowMin = min(rowMin, cur[j])
		}
		if hi < len(b) {
			cur[hi+1] = inf
		}
		if rowMin > bound {
			return inf
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(b)], inf)
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
	r = r.full()
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
