package registry

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/kerrlint/kerrlint/registry/internal/jsontree"
)

// The loaders of Kuzzle releases differ. Each era below is a set of
// releases with the same load-time rules, read from the code of the
// releases named (npm kuzzle@VERSION: lib/config/error-codes/index.js in
// 1.x, lib/kerror/codes/index.js or dist/lib/kerror/codes/index.js in 2.x,
// the errors module its class check reads, and the plugin manifest
// classes), and run by the differential suite (kuzzle_test.go). A release
// between two eras whose rules differ is not guessed at.

// era is the load-time rules of a range of Kuzzle releases.
type era struct {
	first, last string // the releases read, oldest and newest
	// key is the key of a domain file's subdomains in an N-domain.json
	// file (a domain.json file, the 1.x layout, always has "subdomains").
	key string
	// classes are the names the class check accepts besides those every
	// era accepts (commonClasses), with their HTTP status.
	classes map[string]int
	// objectMembers: the class check is Boolean(errors[class]), which
	// Object.prototype's members pass (1.x); else has(errors, class).
	objectMembers bool
	// esModule: the errors module is TypeScript's, with "__esModule".
	esModule bool
	// deprecatedChecked: an error's "deprecated", when not null, must be a
	// non-empty string (1.x never looks at it).
	deprecatedChecked bool
	// pluginDescription: plugin errors need a description too (1.x has
	// no plugin option in its check).
	pluginDescription bool
	// zeroShared: subdomain code 0 is left out of the uniqueness check in
	// every domain (1.x); 2.x leaves it out for plugins only.
	zeroShared bool
	// versionOptional: a manifest without "kuzzleVersion" is taken as
	// ">=1.0.0 <2.0.0" (1.x); 2.x refuses it.
	versionOptional bool
}

// commonClasses are the classes every era's check accepts.
var commonClasses = []string{"BadRequestError", "ExternalServiceError", "ForbiddenError", "GatewayTimeoutError",
	"InternalError", "KuzzleError", "NotFoundError", "PartialError", "PluginImplementationError",
	"PreconditionError", "ServiceUnavailableError", "SizeLimitError", "UnauthorizedError"}

// ParseError is a class of kuzzle-common-objects (Kuzzle 1.x and 2.4's
// errors), with status 400; Kuzzle's own errors module has none.
const parseError = "ParseError"

// objectMembers are the properties every JavaScript object has through
// Object.prototype: Kuzzle 1.x's class check, Boolean(errors[class]),
// accepts them.
var objectMembers = []string{"constructor", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable",
	"toLocaleString", "toString", "valueOf", "__defineGetter__", "__defineSetter__",
	"__lookupGetter__", "__lookupSetter__", "__proto__"}

var eras = []*era{
	// kuzzle-common-objects@3.0.17 (kuzzle@1.11.0 asks for ^3.0.17)
	{first: "1.11.0", last: "1.11.0", key: "subdomains", classes: map[string]int{parseError: 400},
		objectMembers: true, pluginDescription: true, zeroShared: true, versionOptional: true},
	// kuzzle-common-objects@4.2.0 (kuzzle@2.4.0 asks for ^4.1.1)
	{first: "2.4.0", last: "2.4.0", key: "subdomains", classes: map[string]int{parseError: 400, "TooManyRequestsError": 429},
		deprecatedChecked: true},
	{first: "2.9.1", last: "2.10.4", key: "subdomains", classes: map[string]int{"TooManyRequestsError": 429},
		esModule: true, deprecatedChecked: true},
	{first: "2.11.0", last: "2.16.5", key: "subdomains", classes: map[string]int{"TooManyRequestsError": 429, "MultipleErrorsError": 400},
		esModule: true, deprecatedChecked: true},
	{first: "2.18.1", last: NewestKuzzle, key: "subDomains", classes: map[string]int{"TooManyRequestsError": 429, "MultipleErrorsError": 400},
		esModule: true, deprecatedChecked: true},
}

// NewestKuzzle is the newest Kuzzle release whose loader kerrlint follows:
// registry check's verdict by default.
const NewestKuzzle = "2.56.0"

// KuzzleEras describes the releases kerrlint follows, one line per set of
// releases with the same rules ("2.11.0 to 2.16.5"), oldest first.
func KuzzleEras() []string {
	var out []string
	for _, e := range eras {
		if e.first == e.last {
			out = append(out, e.first)
		} else {
			out = append(out, e.first+" to "+e.last)
		}
	}
	return out
}

// eraOf returns the era of a release version (MAJOR.MINOR.PATCH, or
// MAJOR.MINOR for its newest patch kerrlint knows of: "2.16" is 2.16.5's
// era only if every 2.16 release falls in one era).
func eraOf(version string) (*era, error) {
	v, ok := parseVersion(version)
	if !ok {
		return nil, fmt.Errorf("-kuzzle %q: want a Kuzzle release, MAJOR.MINOR.PATCH (1.11.0 to %s)", version, NewestKuzzle)
	}
	if v.minorOnly {
		lo, hi := v, v
		lo.minorOnly, hi.minorOnly = false, false
		hi.patch = 1 << 20
		a, errA := eraOf(lo.String())
		b, _ := eraOf(hi.String())
		if errA == nil && a == b {
			return a, nil
		}
		return nil, fmt.Errorf("-kuzzle %s: give the patch release too (MAJOR.MINOR.PATCH): the rules kerrlint knows do not cover every %s release alike", version, version)
	}
	// Kuzzle 1.x releases after 1.11 share its loader (1.12's codes, the
	// embedded registry, load under it); after the newest era's last
	// release nothing is known.
	for i, e := range eras {
		first, last := mustVersion(e.first), mustVersion(e.last)
		if i == 0 && v.major == 1 && !v.less(first) {
			return e, nil
		}
		if !v.less(first) && !last.less(v) {
			return e, nil
		}
		if i+1 < len(eras) {
			next := mustVersion(eras[i+1].first)
			if last.less(v) && v.less(next) {
				return nil, fmt.Errorf("-kuzzle %s: kerrlint knows the loaders of Kuzzle %s and %s, which differ, and of no release in between: give one of them", version, e.last, eras[i+1].first)
			}
		}
	}
	return nil, fmt.Errorf("-kuzzle %s: kerrlint knows the loaders of Kuzzle 1.11.0 to %s (%s)", version, NewestKuzzle, strings.Join(KuzzleEras(), ", "))
}

// version is a release version.
type version struct {
	major, minor, patch int
	minorOnly           bool
}

func (v version) String() string {
	if v.minorOnly {
		return fmt.Sprintf("%d.%d", v.major, v.minor)
	}
	return fmt.Sprintf("%d.%d.%d", v.major, v.minor, v.patch)
}

func (v version) less(o version) bool {
	if v.major != o.major {
		return v.major < o.major
	}
	if v.minor != o.minor {
		return v.minor < o.minor
	}
	return v.patch < o.patch
}

func parseVersion(s string) (version, bool) {
	parts := strings.Split(strings.TrimPrefix(s, "v"), ".")
	if len(parts) < 2 || len(parts) > 3 {
		return version{}, false
	}
	var n [3]int
	for i, p := range parts {
		x, err := strconv.Atoi(p)
		if err != nil || x < 0 || x > 1<<20 || (len(p) > 1 && p[0] == '0') {
			return version{}, false
		}
		n[i] = x
	}
	return version{n[0], n[1], n[2], len(parts) == 2}, true
}

func mustVersion(s string) version {
	v, ok := parseVersion(s)
	if !ok {
		panic("bad version " + s)
	}
	return v
}

// rules are the rules a load applies: one era's (registry check -kuzzle),
// or, era nil, every era's at once: the newest release's rules, extended
// rule by rule with what older releases accept (with the effective values
// of the newest release that accepts it), each extension a
// WarnReleaseDependent warning. What the newest release accepts and older
// ones refuse (TooManyRequestsError, a plugin error without description)
// is not warned about: a registry for a current Kuzzle loads silently.
type rules struct {
	era     *era
	version string // the release asked for; "" when era is nil
}

// anyRelease is the rules of the loaders: every release's at once.
var anyRelease = rules{}

// classStatus says whether the rules accept class, its status, and, when
// they accept it but not every release does (or it is not a class),
// what to warn.
func (r rules) classStatus(class string) (status int, ok bool, warnName, warnMsg string) {
	if status, known := ClassStatus(class); known {
		switch {
		case r.era == nil, r.era.accepts(class): // the newest era accepts every known class
			return status, true, "", ""
		}
		return 0, false, "", ""
	}
	if class == parseError {
		if r.era == nil {
			return 400, true, WarnReleaseDependent, fmt.Sprintf("class %s is accepted by Kuzzle %s only (kuzzle-common-objects' class, status 400)", class, r.accepting(func(e *era) bool { return e.accepts(class) }))
		}
		if r.era.accepts(class) {
			return 400, true, "", ""
		}
		return 0, false, "", ""
	}
	isMember := contains(objectMembers, class)
	switch {
	case class == notAClass && (r.era == nil || r.era.esModule):
		return 500, true, WarnNotAClass, fmt.Sprintf("class %q passes Kuzzle's check but is not an error class: raising this error throws a TypeError", class)
	case isMember && r.era == nil:
		return 500, true, WarnReleaseDependent, fmt.Sprintf("class %q passes the check of Kuzzle %s only (a member of every JavaScript object), and is not an error class: raising this error throws a TypeError", class, eraNames(func(e *era) bool { return e.objectMembers }))
	case isMember && r.era.objectMembers:
		return 500, true, WarnNotAClass, fmt.Sprintf("class %q passes Kuzzle 1.x's check (a member of every JavaScript object) but is not an error class: raising this error throws a TypeError", class)
	}
	return 0, false, "", ""
}

func (e *era) accepts(class string) bool {
	if contains(commonClasses, class) {
		return true
	}
	_, ok := e.classes[class]
	return ok
}

// accepting names the eras for which ok is true.
func (r rules) accepting(ok func(*era) bool) string { return eraNames(ok) }

// eraNames names the releases of the eras pick picks, consecutive eras
// as one range: "1.11.0 to 2.16.5", "2.4.0, 2.18.1 to 2.56.0".
func eraNames(pick func(*era) bool) string {
	var names []string
	for i := 0; i < len(eras); i++ {
		if !pick(eras[i]) {
			continue
		}
		j := i
		for j+1 < len(eras) && pick(eras[j+1]) {
			j++
		}
		if eras[i].first == eras[j].last {
			names = append(names, eras[i].first)
		} else {
			names = append(names, eras[i].first+" to "+eras[j].last)
		}
		i = j
	}
	return strings.Join(names, ", ")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// WarnReleaseDependent: something older Kuzzle releases load and the newest
// (NewestKuzzle) refuses; kerrlint's loaders load it, with the newest
// accepting release's values (registry check -kuzzle VERSION gives one
// release's verdict).
const WarnReleaseDependent = "release-dependent"

// WarnDuplicateDomain: two files define the same domain; Kuzzle keeps one
// object per domain name, and the file read last (in name order) replaces
// the others, which are not checked.
const WarnDuplicateDomain = "duplicate-domain"

// knownToSomeRelease reports whether some era accepts class.
func knownToSomeRelease(class string) bool {
	for _, e := range eras {
		if e.accepts(class) {
			return true
		}
	}
	return false
}

// kuzzleVersion checks a manifest's "kuzzleVersion" as the rules' release
// does: 2.x refuses a manifest without one, 1.x takes it as ">=1.0.0
// <2.0.0"; a release checks that it satisfies the range (jsontree.Node's semver,
// includePrerelease since 2.31: it changes nothing for a release version).
func (v *validator) kuzzleVersion(root jsontree.Node) {
	n := root.Field("kuzzleVersion")
	missing := n.Kind() == jsontree.None || n.Kind() == jsontree.Null
	switch {
	case missing && v.rules.era == nil:
		v.warn(root.Pos(), WarnReleaseDependent, "manifest: no \"kuzzleVersion\": Kuzzle 1.x takes the plugin as one for \">=1.0.0 <2.0.0\", Kuzzle 2 refuses it")
		return
	case missing && !v.rules.era.versionOptional:
		v.fail(root.Pos(), "manifest: missing \"kuzzleVersion\" (Kuzzle %s refuses a plugin without it)", v.rules.version)
		return
	case v.rules.era == nil:
		// Kuzzle refuses a plugin whose range its version does not satisfy:
		// loaded all the same (kerrlint does not know the release), but
		// what the newest release refuses is said.
		newest, _ := parseSemver(NewestKuzzle)
		if n.Kind() != jsontree.String || !satisfies(newest, n.Text()) {
			v.warn(n.Pos(), WarnReleaseDependent, "manifest: Kuzzle %s does not satisfy \"kuzzleVersion\" %s: it refuses the plugin (registry check -kuzzle VERSION checks a release)", NewestKuzzle, describe(n))
		}
		return
	}
	rng, at := ">=1.0.0 <2.0.0", root.Pos()
	if !missing {
		if n.Kind() != jsontree.String {
			v.fail(n.Pos(), "manifest: \"kuzzleVersion\" must be a semver range string, got %s (Kuzzle %s refuses the plugin)", describe(n), v.rules.version)
			return
		}
		rng, at = n.Text(), n.Pos()
	}
	ver, _ := parseSemver(v.rules.version)
	if !satisfies(ver, rng) {
		v.fail(at, "manifest: Kuzzle %s does not satisfy \"kuzzleVersion\" %q (Kuzzle refuses the plugin)", v.rules.version, rng)
	}
}

// KnownRelease returns an error unless kerrlint follows the loader of Kuzzle
// release version (see CheckRelease).
func KnownRelease(version string) error {
	_, err := eraOf(version)
	return err
}
