package oracle

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"

	"github.com/kerrlint/kerrlint/registry"
)

// entry is an id the generator may raise, as the generator believes it is
// registered; only the generator reads it (the truth is what the runtime does).
type entry struct {
	id, domain, sub, name string
	code                  uint32
	class                 string
	status                int
	placeholders          int // %s in the message; -1 when the registry has no message
	message               string
	deprecated            bool
}

// genDomain is the domain of the registry the generated programs install;
// defineDomain the domain of their Define calls.
const (
	genDomain       = "gen"
	genDomainCode   = 100
	defineDomain    = "gdef"
	defineDomainHex = 101
)

// typedClasses are the classes that have a typed constructor, by constructor.
var typedClasses = map[string]string{
	"BadRequest": "BadRequestError", "Unauthorized": "UnauthorizedError", "Forbidden": "ForbiddenError",
	"NotFound": "NotFoundError", "Precondition": "PreconditionError", "SizeLimit": "SizeLimitError",
	"TooManyRequests": "TooManyRequestsError", "Internal": "InternalError", "ExternalService": "ExternalServiceError",
	"PluginImplementation": "PluginImplementationError", "ServiceUnavailable": "ServiceUnavailableError",
	"GatewayTimeout": "GatewayTimeoutError", "Partial": "PartialError", "MultipleErrors": "MultipleErrorsError",
}

// typedClassList is typedClasses' classes, sorted.
var typedClassList = func() []string {
	var list []string
	for _, c := range typedClasses {
		list = append(list, c)
	}
	sort.Strings(list)
	return list
}()

// constructorOf maps a class to its typed constructor.
var constructorOf = func() map[string]string {
	m := map[string]string{}
	for ctor, class := range typedClasses {
		m[class] = ctor
	}
	return m
}()

var words = []string{"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india",
	"juliet", "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango"}

// universe is every id the generator can pick from: the embedded registry
// and a registry with messages and deprecated ids generated per batch.
type universe struct {
	all      []*entry
	byID     map[string]*entry
	byCode   map[uint32]*entry
	genJSON  []byte // the generated registry, a Kuzzle v2 domain file
	genSubs  []string
	subCodes map[string]uint32 // domain.subdomain → its code bytes (domain<<24|sub<<16)
}

// newUniverse builds the embedded ids and a random registry with messages.
func newUniverse(r *rand.Rand) *universe {
	u := &universe{byID: map[string]*entry{}, byCode: map[uint32]*entry{}, subCodes: map[string]uint32{}}
	for _, e := range registry.Default().Entries() {
		if e.Domain == "core" && e.Subdomain == "fatal" {
			continue // the runtime's own fallbacks
		}
		u.add(&entry{id: e.ID, domain: e.Domain, sub: e.Subdomain, name: e.Name, code: e.Code,
			class: e.Class, status: e.Status, placeholders: -1, deprecated: e.Deprecated != ""})
	}
	type jsonError struct {
		Code        int    `json:"code"`
		Description string `json:"description"`
		Message     string `json:"message"`
		Class       string `json:"class"`
		Status      int    `json:"status,omitempty"`
		Deprecated  string `json:"deprecated,omitempty"`
	}
	type jsonSub struct {
		Code   int                  `json:"code"`
		Errors map[string]jsonError `json:"errors"`
	}
	classes := append(slices.Clone(typedClassList), "KuzzleError")
	subs := map[string]jsonSub{}
	for si, sub := range []string{"alpha", "beta", "gamma"} {
		js := jsonSub{Code: si + 1, Errors: map[string]jsonError{}}
		perm := r.Perm(len(words))
		for i := 0; i < 10; i++ {
			name := words[perm[i]] + "_" + sub[:1]
			n := r.IntN(4)
			msg := "Failed"
			for k := 0; k < n; k++ {
				msg += fmt.Sprintf(" part%d=%%s", k)
			}
			msg += "."
			class := classes[r.IntN(len(classes))]
			je := jsonError{Code: i + 1, Description: "generated " + name, Message: msg, Class: class}
			status, _ := registry.ClassStatus(class)
			if class == "KuzzleError" {
				je.Status = 400 + r.IntN(100)
				status = je.Status
			}
			if r.IntN(6) == 0 {
				je.Deprecated = "2.1.0"
			}
			js.Errors[name] = je
			code := uint32(genDomainCode)<<24 | uint32(si+1)<<16 | uint32(i+1)
			u.add(&entry{id: genDomain + "." + sub + "." + name, domain: genDomain, sub: sub, name: name,
				code: code, class: class, status: status, placeholders: n, deprecated: je.Deprecated != "", message: msg})
		}
		subs[sub] = js
		u.genSubs = append(u.genSubs, sub)
	}
	data, err := json.MarshalIndent(map[string]any{"code": genDomainCode, "subDomains": subs}, "", "  ")
	if err != nil {
		panic(err) // maps of strings and ints always marshal
	}
	u.genJSON = data
	return u
}

func (u *universe) add(e *entry) {
	u.all = append(u.all, e)
	u.byID[e.id] = e
	u.byCode[e.code] = e
	u.subCodes[e.domain+"."+e.sub] = e.code &^ 0xFFFF
}

// pick returns a random entry satisfying ok.
func (u *universe) pick(r *rand.Rand, ok func(*entry) bool) *entry {
	for range 1000 {
		if e := u.all[r.IntN(len(u.all))]; ok(e) {
			return e
		}
	}
	for _, e := range u.all {
		if ok(e) {
			return e
		}
	}
	return nil
}

// typo changes one character of an id's last part (or, with subdomain, of
// its subdomain), so that it usually names no registered id.
func typo(r *rand.Rand, id string, subdomain bool) string {
	parts := strings.Split(id, ".")
	i := len(parts) - 1
	if subdomain && len(parts) == 3 {
		i = 1
	}
	p := []byte(parts[i])
	switch k := r.IntN(3); {
	case k == 0 && len(p) > 1:
		j := r.IntN(len(p))
		p = append(p[:j], p[j+1:]...)
	case k == 1 && len(p) > 1:
		j := r.IntN(len(p) - 1)
		p[j], p[j+1] = p[j+1], p[j]
	default:
		j := r.IntN(len(p) + 1)
		p = append(p[:j], append([]byte{byte('a' + r.IntN(26))}, p[j:]...)...)
	}
	parts[i] = string(p)
	return strings.Join(parts, ".")
}
