package registry

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// Kuzzle checks a plugin manifest's "kuzzleVersion" with node's semver
// package: semver.satisfies(kuzzleVersion of the server, range). This is
// that function (semver 7, strict mode) for the case Kuzzle has: a release
// version, without prerelease, against any range string. Its ranges are
// desugared as semver's Range does (hyphen, x, tilde and caret ranges, then
// comparators); a range semver cannot parse is satisfied by nothing.

// semverVersion is a version or a comparator's operand.
type semverVersion struct {
	major, minor, patch uint64
	pre                 []string
}

func (v semverVersion) compare(o semverVersion) int {
	for _, d := range [][2]uint64{{v.major, o.major}, {v.minor, o.minor}, {v.patch, o.patch}} {
		if d[0] != d[1] {
			if d[0] < d[1] {
				return -1
			}
			return 1
		}
	}
	switch {
	case len(v.pre) == 0 && len(o.pre) == 0:
		return 0
	case len(v.pre) == 0:
		return 1
	case len(o.pre) == 0:
		return -1
	}
	for i := 0; ; i++ {
		switch {
		case i == len(v.pre) && i == len(o.pre):
			return 0
		case i == len(v.pre):
			return -1
		case i == len(o.pre):
			return 1
		}
		a, b := v.pre[i], o.pre[i]
		an, aerr := strconv.ParseUint(a, 10, 64)
		bn, berr := strconv.ParseUint(b, 10, 64)
		aNum, bNum := aerr == nil && isNumeric(a), berr == nil && isNumeric(b)
		switch {
		case aNum && bNum:
			if an != bn {
				if an < bn {
					return -1
				}
				return 1
			}
		case aNum:
			return -1
		case bNum:
			return 1
		case a != b:
			if a < b {
				return -1
			}
			return 1
		}
	}
}

func isNumeric(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// The grammar of semver's internal/re.js (strict forms).
const (
	reNum     = `0|[1-9]\d*`
	reNonNum  = `\d*[a-zA-Z-][a-zA-Z0-9-]*`
	rePreID   = `(?:` + reNum + `|` + reNonNum + `)`
	rePre     = `(?:-(` + rePreID + `(?:\.` + rePreID + `)*))`
	reBuild   = `(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))`
	reXR      = reNum + `|x|X|\*`
	reXRPlain = `[v=\s]*(` + reXR + `)(?:\.(` + reXR + `)(?:\.(` + reXR + `)(?:` + rePre + `)?` + reBuild + `?)?)?`
	reFull    = `v?(` + reNum + `)\.(` + reNum + `)\.(` + reNum + `)` + rePre + `?` + reBuild + `?`
	reGTLT    = `((?:<|>)?=?)`
	// The same without capturing groups, inside larger patterns.
	rePre0     = `(?:-(?:` + rePreID + `(?:\.` + rePreID + `)*))`
	reBuild0   = `(?:\+(?:[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))`
	reXRPlain0 = `[v=\s]*(?:` + reXR + `)(?:\.(?:` + reXR + `)(?:\.(?:` + reXR + `)` + rePre0 + `?` + reBuild0 + `?)?)?`
	reFull0    = `v?(?:` + reNum + `)\.(?:` + reNum + `)\.(?:` + reNum + `)` + rePre0 + `?` + reBuild0 + `?`
)

// semverPatterns are node-semver's expressions, compiled on first use: a
// go vet process, which starts once per package, rarely reads a range.
type semverPatterns struct {
	hyphen     *regexp.Regexp
	compTrim   *regexp.Regexp
	tildeTrim  *regexp.Regexp
	caretTrim  *regexp.Regexp
	caret      *regexp.Regexp
	tilde      *regexp.Regexp
	xRange     *regexp.Regexp
	xRangeOnly *regexp.Regexp
	star       *regexp.Regexp
	comparator *regexp.Regexp
	full       *regexp.Regexp
}

var semverRE = sync.OnceValue(func() *semverPatterns {
	return &semverPatterns{
		hyphen:     regexp.MustCompile(`^\s*(` + reXRPlain0 + `)\s+-\s+(` + reXRPlain0 + `)\s*$`),
		compTrim:   regexp.MustCompile(`(\s*)` + reGTLT + `\s*(` + reFull0 + `|` + reXRPlain0 + `)`),
		tildeTrim:  regexp.MustCompile(`(\s*)~>?\s+`),
		caretTrim:  regexp.MustCompile(`(\s*)\^\s+`),
		caret:      regexp.MustCompile(`^\^` + reXRPlain + `$`),
		tilde:      regexp.MustCompile(`^~>?` + reXRPlain + `$`),
		xRange:     regexp.MustCompile(`^` + reGTLT + `\s*` + reXRPlain + `$`),
		xRangeOnly: regexp.MustCompile(`^` + reXRPlain + `$`),
		star:       regexp.MustCompile(`(<|>)?=?\s*\*`),
		comparator: regexp.MustCompile(`^((?:<|>)?=?)\s*(` + reFull + `)$`),
		full:       regexp.MustCompile(`^` + reFull + `$`),
	}
})

// parseSemver parses a full version (1.2.3, 1.2.3-beta.1).
func parseSemver(s string) (semverVersion, bool) {
	m := semverRE().full.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return semverVersion{}, false
	}
	return versionOf(m[1], m[2], m[3], m[4])
}

func versionOf(major, minor, patch, pre string) (semverVersion, bool) {
	var v semverVersion
	var err error
	for _, p := range []struct {
		s   string
		dst *uint64
	}{{major, &v.major}, {minor, &v.minor}, {patch, &v.patch}} {
		if *p.dst, err = strconv.ParseUint(p.s, 10, 64); err != nil || *p.dst > 1<<53-1 {
			return semverVersion{}, false
		}
	}
	if pre != "" {
		v.pre = strings.Split(pre, ".")
	}
	return v, true
}

func isX(s string) bool { return s == "" || s == "x" || s == "X" || s == "*" }

func inc(s string) string {
	n, _ := strconv.ParseUint(s, 10, 64)
	return strconv.FormatUint(n+1, 10)
}

// satisfies is semver.satisfies(v, rng) for a version without prerelease
// (where includePrerelease changes nothing).
func satisfies(v semverVersion, rng string) bool {
	if len(rng) > 1<<12 {
		return false
	}
	for _, part := range strings.Split(rng, "||") {
		comps, ok := parseSemverRange(strings.TrimSpace(part))
		if !ok {
			return false // semver throws: the whole range is invalid
		}
		all := true
		for _, c := range comps {
			if !c.test(v) {
				all = false
				break
			}
		}
		if all {
			return true
		}
	}
	return false
}

// comparator is an operator and an operand; any when op is "any".
type comparator struct {
	op string
	v  semverVersion
}

func (c comparator) test(v semverVersion) bool {
	if c.op == "any" {
		return true
	}
	d := v.compare(c.v)
	switch c.op {
	case "", "=":
		return d == 0
	case "<":
		return d < 0
	case ">":
		return d > 0
	case "<=":
		return d <= 0
	}
	return d >= 0 // ">="
}

func parseSemverRange(r string) ([]comparator, bool) {
	r = semverRE().hyphen.ReplaceAllStringFunc(r, hyphenReplace)
	r = semverRE().compTrim.ReplaceAllString(r, "${1}${2}${3}")
	r = semverRE().tildeTrim.ReplaceAllString(r, "${1}~")
	r = semverRE().caretTrim.ReplaceAllString(r, "${1}^")
	var parsed []string
	for _, comp := range strings.Split(r, " ") {
		parsed = append(parsed, parseComparator(comp))
	}
	var out []comparator
	for _, comp := range strings.Fields(strings.Join(parsed, " ")) {
		if comp == ">=0.0.0" {
			comp = ""
		}
		if comp == "" {
			out = append(out, comparator{op: "any"})
			continue
		}
		m := semverRE().comparator.FindStringSubmatch(comp)
		if m == nil {
			return nil, false
		}
		v, ok := versionOf(m[3], m[4], m[5], m[6])
		if !ok {
			return nil, false
		}
		out = append(out, comparator{op: m[1], v: v})
	}
	return out, true
}

func parseComparator(comp string) string {
	comp = mapFields(comp, replaceCaret)
	comp = mapFields(comp, replaceTilde)
	comp = mapFields(comp, replaceXRange)
	return semverRE().star.ReplaceAllStringFunc(strings.TrimSpace(comp), firstOnly())
}

// firstOnly returns a replacement func that empties the first match only,
// as JavaScript's String.replace with a non-global pattern.
func firstOnly() func(string) string {
	done := false
	return func(s string) string {
		if done {
			return s
		}
		done = true
		return ""
	}
}

func mapFields(comp string, f func(string) string) string {
	fields := strings.Fields(comp)
	for i, c := range fields {
		fields[i] = f(c)
	}
	return strings.Join(fields, " ")
}

func replaceCaret(comp string) string {
	m := semverRE().caret.FindStringSubmatch(comp)
	if m == nil {
		return comp
	}
	M, mi, p, pr := m[1], m[2], m[3], m[4]
	switch {
	case isX(M):
		return ""
	case isX(mi):
		return ">=" + M + ".0.0 <" + inc(M) + ".0.0-0"
	case isX(p):
		if M == "0" {
			return ">=" + M + "." + mi + ".0 <" + M + "." + inc(mi) + ".0-0"
		}
		return ">=" + M + "." + mi + ".0 <" + inc(M) + ".0.0-0"
	}
	lo := ">=" + M + "." + mi + "." + p
	if pr != "" {
		lo += "-" + pr
	}
	switch {
	case M == "0" && mi == "0":
		return lo + " <" + M + "." + mi + "." + inc(p) + "-0"
	case M == "0":
		return lo + " <" + M + "." + inc(mi) + ".0-0"
	}
	return lo + " <" + inc(M) + ".0.0-0"
}

func replaceTilde(comp string) string {
	m := semverRE().tilde.FindStringSubmatch(comp)
	if m == nil {
		return comp
	}
	M, mi, p, pr := m[1], m[2], m[3], m[4]
	switch {
	case isX(M):
		return ""
	case isX(mi):
		return ">=" + M + ".0.0 <" + inc(M) + ".0.0-0"
	case isX(p):
		return ">=" + M + "." + mi + ".0 <" + M + "." + inc(mi) + ".0-0"
	case pr != "":
		return ">=" + M + "." + mi + "." + p + "-" + pr + " <" + M + "." + inc(mi) + ".0-0"
	}
	return ">=" + M + "." + mi + "." + p + " <" + M + "." + inc(mi) + ".0-0"
}

func replaceXRange(comp string) string {
	comp = strings.TrimSpace(comp)
	m := semverRE().xRange.FindStringSubmatch(comp)
	if m == nil {
		return comp
	}
	gtlt, M, mi, p := m[1], m[2], m[3], m[4]
	xM, xm, xp := isX(M), isX(mi) || isX(M), isX(p) || isX(mi) || isX(M)
	anyX := xp
	if gtlt == "=" && anyX {
		gtlt = ""
	}
	pr := ""
	switch {
	case xM:
		if gtlt == ">" || gtlt == "<" {
			return "<0.0.0-0"
		}
		return "*"
	case gtlt != "" && anyX:
		if xm {
			mi = "0"
		}
		p = "0"
		switch gtlt {
		case ">":
			gtlt = ">="
			if xm {
				M, mi = inc(M), "0"
			} else {
				mi = inc(mi)
			}
		case "<=":
			gtlt = "<"
			if xm {
				M = inc(M)
			} else {
				mi = inc(mi)
			}
		}
		if gtlt == "<" {
			pr = "-0"
		}
		return gtlt + M + "." + mi + "." + p + pr
	case xm:
		return ">=" + M + ".0.0 <" + inc(M) + ".0.0-0"
	case xp:
		return ">=" + M + "." + mi + ".0 <" + M + "." + inc(mi) + ".0-0"
	}
	return comp
}

func hyphenReplace(s string) string {
	m := semverRE().hyphen.FindStringSubmatch(s)
	from, to := semverRE().xRangeOnly.FindStringSubmatch(m[1]), semverRE().xRangeOnly.FindStringSubmatch(m[2])
	var lo, hi string
	switch fM, fm, fp := from[1], from[2], from[3]; {
	case isX(fM):
		lo = ""
	case isX(fm):
		lo = ">=" + fM + ".0.0"
	case isX(fp):
		lo = ">=" + fM + "." + fm + ".0"
	default:
		lo = ">=" + m[1] // as written: semver's hyphenReplace keeps a leading "v" or "="
	}
	switch tM, tm, tp, tpr := to[1], to[2], to[3], to[4]; {
	case isX(tM):
		hi = ""
	case isX(tm):
		hi = "<" + inc(tM) + ".0.0-0"
	case isX(tp):
		hi = "<" + tM + "." + inc(tm) + ".0-0"
	case tpr != "":
		hi = "<=" + tM + "." + tm + "." + tp + "-" + tpr
	default:
		hi = "<=" + m[2]
	}
	return strings.TrimSpace(lo + " " + hi)
}
