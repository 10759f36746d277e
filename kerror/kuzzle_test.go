package kerror_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/kerrlint/kerrlint/internal/kuzzlejs"
	"github.com/kerrlint/kerrlint/kerror"
	"github.com/kerrlint/kerrlint/registry"
)

// customDomain is a domain written for the suite: KuzzleError entries (with
// and without a status of their own), one-placeholder and no-placeholder
// messages to sweep value kinds, and formats util.format treats specially.
const customDomain = `{
  "code": 200,
  "subDomains": {
    "custom": {
      "code": 1,
      "errors": {
        "teapot": {"description": "d", "code": 1, "message": "I am a teapot: %s", "class": "KuzzleError", "status": 418},
        "default_status": {"description": "d", "code": 2, "message": "Plain %s", "class": "KuzzleError"},
        "one": {"description": "d", "code": 3, "message": "v=%s.", "class": "BadRequestError"},
        "none": {"description": "d", "code": 4, "message": "Nothing to fill", "class": "NotFoundError"},
        "percent": {"description": "d", "code": 5, "message": "100%% of %s and %d, %i, %f, %j, %o, %O, %c%x", "class": "BadRequestError"},
        "partial": {"description": "d", "code": 6, "message": "Partly %s", "class": "PartialError"},
        "multiple": {"description": "d", "code": 7, "message": "Many: %s", "class": "MultipleErrorsError"},
        "plugin": {"description": "d", "code": 8, "message": "Plugin %s failed", "class": "PluginImplementationError"}
      }
    }
  }
}`

// stringer stands for any fmt.Stringer: in a message it prints String(),
// as a JavaScript object with its own toString does; in JSON it is its
// underlying value (a JavaScript toJSON).
type color int

func (c color) String() string { return [...]string{"red", "green"}[c] }

type person struct {
	Name string `json:"name"`
	Age  int
	Tags []string `json:"tags,omitempty"`
}

// value is a Go placeholder and the JavaScript expression Kuzzle receives
// for it.
type value struct {
	goValue any
	js      string
	// object: the JavaScript value is a plain object, which Kuzzle would
	// take as its options when last; the JavaScript call then passes {}
	// after it (in Go only WithMessage is an option).
	object bool
	// placeholderOnly: the equivalence holds where a %s consumes the value
	// (a Stringer: inspect would print a JavaScript object's fields).
	placeholderOnly bool
}

func values() []value {
	long := make([]int, 150)
	for i := range long {
		long[i] = i * i
	}
	words := []string{"a", "bb", "ccc", "dddd", "eeeee", "ffffff", "g", "hh", "iii", "jjjj", "kkkkkkkkkkkkkkkkkkkk"}
	nested := []any{1, []any{2, []any{3, []any{4}}}, map[string]any{"k": map[string]any{"deep": map[string]any{"deeper": 1}}}}
	return []value{
		{goValue: "str", js: `"str"`},
		{goValue: "", js: `""`},
		{goValue: "it's \"q\" \\ %s\n\ttab é 😀", js: `"it's \"q\" \\ %s\n\ttab é 😀"`},
		{goValue: 0, js: `0`},
		{goValue: 42, js: `42`},
		{goValue: -7, js: `-7`},
		{goValue: int8(-128), js: `-128`},
		{goValue: uint8(255), js: `255`},
		{goValue: int16(-32768), js: `-32768`},
		{goValue: uint16(65535), js: `65535`},
		{goValue: int32(math.MinInt32), js: `-2147483648`},
		{goValue: uint32(math.MaxUint32), js: `4294967295`},
		{goValue: int64(1 << 53), js: `9007199254740992`},
		{goValue: int64(-(1<<53 - 1)), js: `-9007199254740991`},
		{goValue: uint64(1<<53 - 1), js: `9007199254740991`},
		{goValue: uint(7), js: `7`},
		{goValue: uintptr(9), js: `9`},
		{goValue: 1.5, js: `1.5`},
		{goValue: math.Copysign(0, -1), js: `-0`},
		{goValue: math.NaN(), js: `NaN`},
		{goValue: math.Inf(1), js: `Infinity`},
		{goValue: math.Inf(-1), js: `-Infinity`},
		{goValue: 1e21, js: `1e21`},
		{goValue: 1e20, js: `1e20`},
		{goValue: 1.25e-7, js: `1.25e-7`},
		{goValue: 0.000001, js: `0.000001`},
		{goValue: sum(0.1, 0.2), js: `0.1 + 0.2`},
		{goValue: 5e-324, js: `5e-324`},
		{goValue: math.MaxFloat64, js: `Number.MAX_VALUE`},
		{goValue: float32(0.1), js: `0.1`},
		{goValue: float32(-3.25e38), js: `-3.25e38`},
		{goValue: true, js: `true`},
		{goValue: false, js: `false`},
		{goValue: nil, js: `null`},
		{goValue: (*person)(nil), js: `null`},
		{goValue: errors.New("disk full"), js: `"disk full"`},
		{goValue: fmt.Errorf("wrapped: %w", errors.New("inner")), js: `"wrapped: inner"`},
		{goValue: color(1), js: `({toString() { return "green"; }, toJSON() { return 1; }})`, object: true, placeholderOnly: true},
		{goValue: time.Date(2024, 2, 29, 13, 4, 5, 678_900_000, time.UTC), js: `new Date(Date.UTC(2024, 1, 29, 13, 4, 5, 678))`},
		{goValue: time.Date(1969, 12, 31, 23, 59, 59, 999_999_999, time.FixedZone("x", 3600)), js: `new Date(-3600001)`},
		{goValue: []int{1, 2, 3}, js: `[1, 2, 3]`},
		{goValue: []int{}, js: `[]`},
		{goValue: []string(nil), js: `[]`},
		{goValue: []string{"a", "it's", `"both" '`, "x\ny"}, js: "[\"a\", \"it's\", `\"both\" '`, \"x\\ny\"]"},
		{goValue: [2]bool{true, false}, js: `[true, false]`},
		{goValue: []any{1, "x", nil, true, -0.5, []int{}}, js: `[1, "x", null, true, -0.5, []]`},
		{goValue: nested, js: `[1, [2, [3, [4]]], {k: {deep: {deeper: 1}}}]`},
		{goValue: long, js: `Array.from({length: 150}, (_, i) => i * i)`},
		{goValue: long[:20], js: `Array.from({length: 20}, (_, i) => i * i)`},
		{goValue: words, js: `["a", "bb", "ccc", "dddd", "eeeee", "ffffff", "g", "hh", "iii", "jjjj", "kkkkkkkkkkkkkkkkkkkk"]`},
		{goValue: []string{strings.Repeat("long line\n", 20)}, js: `["long line\n".repeat(20)]`},
		{goValue: map[string]any{"b": 1, "a-b": "x", "nested": map[string]int{"z": 1}, "__proto__": 2, "10": true, "9": false},
			js: `JSON.parse('{"9": false, "10": true, "__proto__": 2, "a-b": "x", "b": 1, "nested": {"z": 1}}')`, object: true},
		{goValue: map[int]string{2: "b", 1: "a"}, js: `({1: "a", 2: "b"})`, object: true},
		{goValue: map[string]bool{}, js: `({})`, object: true},
		{goValue: person{Name: "Ann", Age: 40}, js: `({name: "Ann", Age: 40})`, object: true},
		{goValue: &person{Name: "Bob", Age: 7, Tags: []string{"x"}}, js: `({name: "Bob", Age: 7, tags: ["x"]})`, object: true},
		{goValue: []byte("bytes"), js: `"bytes"`},
		{goValue: "ctl \x00\x01\x1f\x7f\u0085\u00a0\u2028 end", js: `"ctl \x00\x01\x1f\x7f\u0085\u00a0\u2028 end"`},
		{goValue: []string{"ctl \x00\x01\x1f\x7f\u0085\u00a0 end", "back\\slash", "${x} `'\""}, js: `["ctl \x00\x01\x1f\x7f\u0085\u00a0 end", "back\\slash", "${x} ` + "`" + `'\""]`},
		{goValue: []string{strings.Repeat("x", 10005)}, js: `["x".repeat(10005)]`},
		{goValue: map[string]string{"it's": "a", "a\nb": "c", "_ok1": "d", "1a": "e"}, js: `({"1a": "e", "_ok1": "d", "a\nb": "c", "it's": "a"})`, object: true},
		{goValue: time.Date(300000, 1, 1, 0, 0, 0, 0, time.UTC), js: `new Date(NaN)`},
		{goValue: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), js: `new Date(Date.UTC(10000, 0, 1))`},
		{goValue: time.Date(-5, 3, 1, 0, 0, 0, 0, time.UTC), js: `new Date(Date.UTC(-5, 2, 1))`},
		{goValue: []float64{-0.5, 1.5, 1e21, -1e-7, 100, 2, 3, 4.25}, js: `[-0.5, 1.5, 1e21, -1e-7, 100, 2, 3, 4.25]`},
		{goValue: strings.Split("a b c d e f g h i j k l m n o p q r s t u v w x y z aa bb cc dd", " "), js: `"a b c d e f g h i j k l m n o p q r s t u v w x y z aa bb cc dd".split(" ")`},
		{goValue: map[string]any{"a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6, "g": 7, "h": []int{1, 2, 3, 4, 5, 6, 7, 8}},
			js: `({a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: [1, 2, 3, 4, 5, 6, 7, 8]})`, object: true},
		{goValue: struct {
			Inner person `json:"inner"`
			Skip  string `json:"-"`
			Empty string `json:"empty,omitempty"`
		}{Inner: person{Name: "In"}}, js: `({inner: {name: "In", Age: 0}})`, object: true},
	}
}

var notLast = value{goValue: kerror.WithMessage("not last"), js: `({message: "not last"})`, object: true}

// body is the last placeholder of a PartialError or MultipleErrorsError.
type body struct {
	goValue func() any // built per call: the *kerror.Error it holds lose their stack
	js      string
	object  bool
}

func bodies() []body {
	return []body{
		{func() any {
			return []error{noStack(kerror.Get("api", "assert", "missing_argument", "x")), noStack(kerror.Get("services", "storage", "not_found", "a", "b", "c"))}
		},
			`[kerror.rawGet(domains, "api", "assert", "missing_argument", "x"), kerror.rawGet(domains, "services", "storage", "not_found", "a", "b", "c")]`, false},
		{func() any { return []any{} }, `[]`, false},
		{func() any { return []error(nil) }, `[]`, false},
		{func() any {
			return []map[string]any{{"_id": "d1", "reason": "conflict", "status": 409}, {"_id": "d2", "reason": "gone", "status": 404}}
		}, `[{_id: "d1", reason: "conflict", status: 409}, {_id: "d2", reason: "gone", status: 404}]`, false},
		{func() any { return []string{"a", "b", "c"} }, `["a", "b", "c"]`, false},
		{func() any { return "abcé😀" }, `"abcé😀"`, false},
		{func() any { return map[string]int{"failed": 2} }, `({failed: 2})`, true},
		{func() any { return map[string]int{"length": 5} }, `({length: 5})`, true},
		{func() any { return 3 }, `3`, false},
	}
}

// sum adds at run time (the constant 0.1 + 0.2 is exactly 0.3 in Go).
func sum(a, b float64) float64 { return a + b }

func noStack(e *kerror.Error) *kerror.Error { e.Stack = ""; return e }

// call is one raise, in Go and in JavaScript.
type call struct {
	domain, sub, name string
	args              []value
	body              *body
	message           *string // WithMessage(*message) last
	form              int     // Get, New, Wrap(...).Get
}

func (c call) goArgs() []any {
	var out []any
	for _, a := range c.args {
		out = append(out, a.goValue)
	}
	if c.body != nil {
		out = append(out, c.body.goValue())
	}
	if c.message != nil {
		out = append(out, kerror.WithMessage(*c.message))
	}
	return out
}

func (c call) jsArgs() string {
	var out []string
	last := false
	for _, a := range c.args {
		out = append(out, a.js)
		last = a.object
	}
	if c.body != nil {
		out = append(out, c.body.js)
		last = c.body.object
	}
	if c.message != nil {
		m, _ := json.Marshal(*c.message)
		out = append(out, "{message: "+string(m)+"}")
	} else if last {
		out = append(out, "{}")
	}
	return "[" + strings.Join(out, ", ") + "]"
}

func (c call) raise() *kerror.Error {
	args := c.goArgs()
	switch c.form % 3 {
	case 1:
		return kerror.New(c.domain+"."+c.sub+"."+c.name, args...)
	case 2:
		return kerror.Wrap(c.domain, c.sub).Get(c.name, args...)
	}
	return kerror.Get(c.domain, c.sub, c.name, args...)
}

func (c call) String() string {
	return fmt.Sprintf("%s.%s.%s(%s)", c.domain, c.sub, c.name, c.jsArgs())
}

// matrix generates the calls: every id × 0–3 placeholders (a body after
// them for the body classes, and once none at all), every id with the
// message option (and an empty one), every value kind alone, as an extra
// argument and in props, every body shape, and unknown ids of every shape.
func matrix(reg *registry.Registry) []call {
	vals := values()
	bods := bodies()
	var calls []call
	str := func(s string) *string { return &s }
	pick := func(seed, n, placeholders int) []value {
		var out []value
		for j := 0; len(out) < n; j++ {
			v := vals[(seed*7+n*3+j)%len(vals)]
			if v.placeholderOnly && len(out) >= placeholders {
				continue
			}
			out = append(out, v)
		}
		return out
	}
	for i, e := range reg.Entries() {
		ph, _ := e.Placeholders()
		hasBody := e.Class == "PartialError" || e.Class == "MultipleErrorsError"
		for n := 0; n <= 3; n++ {
			c := call{domain: e.Domain, sub: e.Subdomain, name: e.Name, args: pick(i, n, ph), form: i + n}
			if hasBody {
				c.body = &bods[(i+n)%len(bods)]
			}
			calls = append(calls, c)
		}
		if hasBody {
			calls = append(calls, call{domain: e.Domain, sub: e.Subdomain, name: e.Name})
		}
		withMessage := call{domain: e.Domain, sub: e.Subdomain, name: e.Name, args: pick(i+1, 1, ph), message: str("Custom message for " + e.ID)}
		emptyMessage := call{domain: e.Domain, sub: e.Subdomain, name: e.Name, args: pick(i+2, 2, ph), message: str("")}
		if hasBody {
			withMessage.body, emptyMessage.body = &bods[i%len(bods)], &bods[(i+1)%len(bods)]
		}
		calls = append(calls, withMessage, emptyMessage)
	}
	for i, v := range vals {
		one := []value{v}
		calls = append(calls,
			call{domain: "custom", sub: "custom", name: "one", args: one, form: i},
			call{domain: "custom", sub: "custom", name: "teapot", args: one, form: i})
		if !v.placeholderOnly {
			calls = append(calls,
				call{domain: "custom", sub: "custom", name: "none", args: one, form: i},
				call{domain: "custom", sub: "custom", name: "one", args: []value{vals[0], v}, form: i},
				call{domain: "custom", sub: "custom", name: "percent", args: []value{v, v, v, v, v, v, v, v, v}, form: i})
		}
	}
	for i := range bods {
		for _, name := range []string{"partial", "multiple"} {
			calls = append(calls,
				call{domain: "custom", sub: "custom", name: name, body: &bods[i], form: i},
				call{domain: "custom", sub: "custom", name: name, args: vals[i : i+2], body: &bods[i], form: i},
				call{domain: "custom", sub: "custom", name: name, args: vals[i : i+1], body: &bods[i], message: str("replaced"), form: i})
		}
	}
	calls = append(calls,
		call{domain: "custom", sub: "custom", name: "plugin", args: vals[:1]},
		call{domain: "custom", sub: "custom", name: "plugin", message: str("own message")},
		call{domain: "custom", sub: "custom", name: "default_status", args: vals[3:4]},
		call{domain: "custom", sub: "custom", name: "percent"},
		call{domain: "custom", sub: "custom", name: "percent", args: vals[:1]},
		// An option that is not last is a placeholder (the object {message}).
		call{domain: "custom", sub: "custom", name: "one", args: []value{notLast, vals[0]}},
		call{domain: "custom", sub: "custom", name: "none", args: []value{notLast, notLast, vals[3]}},
	)
	for i, id := range unknownIDs {
		calls = append(calls,
			call{domain: id[0], sub: id[1], name: id[2], form: i},
			call{domain: id[0], sub: id[1], name: id[2], args: vals[i%len(vals) : i%len(vals)+1], form: i},
			call{domain: id[0], sub: id[1], name: id[2], args: vals[:2], message: str("dropped"), form: i})
	}
	return calls
}

// unknownIDs are ids no registry defines, of every shape; Kuzzle answers
// each with core.fatal.unexpected_error carrying the id.
var unknownIDs = [][3]string{
	{"services", "storage", "not_fund"},
	{"services", "storag", "not_found"},
	{"service", "storage", "not_found"},
	{"Services", "storage", "not_found"},
	{"", "", ""},
	{"services", "", "not_found"},
	{"services", "storage", ""},
	{"services.storage", "not_found", "x"},
	{"services", "storage.not_found", "x"},
	{"services", "storage", "not_found.x"},
	{"services", "storage", "[0]"},
	{"services", "storage", "not_found[0]"},
	{"constructor", "storage", "not_found"},
	{"services", "constructor", "x"},
	{"__proto__", "x", "y"},
	{"services", "__proto__", "x"},
	{"sérvices", "stórage", "nöt_found"},
	{"plugin", "kuzzle-plugin-auth-passport-local", "invalid_username"},
	{"custom", "custom", "teapot2"},
}

// kuzzleThrows are calls Kuzzle's kerror cannot answer: it throws a
// TypeError (a name lodash.get resolves to something that is not an error
// entry: Object.prototype members, an entry's own fields; a null body). The
// Go runtime answers them with core.fatal.unexpected_error (or an empty body).
var kuzzleThrows = [][3]string{
	{"services", "storage", "constructor"},
	{"services", "storage", "toString"},
	{"services", "storage", "__proto__"},
	{"services", "storage", "not_found.code"},
	{"services", "storage", "not_found.message"},
	{"services", "storage", "not_found]"},
}

const nodeScript = `
const readline = require("readline");
const kerror = require("` + kuzzlejs.KerrorModule + `");
const { KuzzleError } = require("` + kuzzlejs.SDKErrorModule + `");
const noStack = (k, v) => (k === "stack" ? undefined : v);
let domains = null;
const out = [];
readline.createInterface({ input: process.stdin }).on("line", (line) => {
  if (domains === null) { domains = JSON.parse(line); return; }
  const c = JSON.parse(line);
  const res = {};
  try {
    const args = eval(c.args);
    res.json = JSON.stringify(kerror.rawGet(domains, c.d, c.s, c.n, ...args), noStack);
  } catch (err) {
    res.throws = String(err);
  }
  const sdk = new KuzzleError(JSON.parse(c.go));
  res.sdk = JSON.stringify({ id: sdk.id, code: sdk.code, status: sdk.status, message: sdk.message,
    props: sdk.props, errors: sdk.errors, count: sdk.count, hasStack: sdk.kuzzleStack !== undefined });
  out.push(JSON.stringify(res));
}).on("close", () => process.stdout.write(out.join("\n") + "\n"));
`

// TestKuzzleConformance raises every call of the matrix with the Go runtime
// and with Kuzzle's own kerror (rawGet over the same codes), and requires
// identical JSON, stack aside; then the SDK's KuzzleError must read back
// every field of the Go error's JSON.
func TestKuzzleConformance(t *testing.T) {
	dir := kuzzlejs.Dir(t)
	// The codes Kuzzle itself loads (and falls back on): those of the
	// installed package, equal to ../shared/kuzzle-codes/latest.
	codes, custom := useKuzzleCodes(t, dir)
	reg := kerror.Registry()

	// Kuzzle's domains object, from the same files.
	domains := map[string]json.RawMessage{}
	files, _ := filepath.Glob(filepath.Join(codes, "*.json"))
	for _, f := range append(files, custom) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		domains[registry.DomainName(f)] = data
	}
	var input bytes.Buffer
	line, _ := json.Marshal(domains)
	input.Write(line)
	input.WriteByte('\n')

	calls := matrix(reg)
	var thrown []call
	for i, id := range kuzzleThrows {
		thrown = append(thrown, call{domain: id[0], sub: id[1], name: id[2], args: values()[:1], form: i})
	}
	partial := body{func() any { return nil }, `null`, false}
	thrown = append(thrown, call{domain: "custom", sub: "custom", name: "partial", body: &partial},
		call{domain: "custom", sub: "custom", name: "multiple", body: &partial})
	all := append(append([]call{}, calls...), thrown...)

	goErrs := make([]*kerror.Error, len(all))
	for i, c := range all {
		e := c.raise()
		goErrs[i] = e
		data, err := json.Marshal(e)
		if err != nil {
			t.Fatalf("%s: %v", c, err)
		}
		line, _ := json.Marshal(map[string]string{"d": c.domain, "s": c.sub, "n": c.name, "args": c.jsArgs(), "go": string(data)})
		input.Write(line)
		input.WriteByte('\n')
	}
	out := kuzzlejs.Node(t, dir, nodeScript, input.Bytes())
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != len(all) {
		t.Fatalf("node answered %d lines for %d calls", len(lines), len(all))
	}
	diffs := 0
	for i, c := range all {
		var res struct{ JSON, Throws, SDK string }
		if err := json.Unmarshal([]byte(lines[i]), &res); err != nil {
			t.Fatal(err)
		}
		e := goErrs[i]
		if i >= len(calls) { // Kuzzle throws; Go answers
			if res.Throws == "" {
				t.Errorf("%s: Kuzzle no longer throws: %s", c, res.JSON)
			}
		} else {
			noStack := *e
			noStack.Stack = ""
			got, _ := noStack.MarshalJSON() // json.Marshal would escape <, > and & in strings
			if res.Throws != "" {
				t.Errorf("%s: Kuzzle throws %s", c, res.Throws)
			} else if string(got) != res.JSON {
				diffs++
				if diffs <= 40 {
					t.Errorf("%s:\n go     %s\n kuzzle %s", c, got, res.JSON)
				}
			}
		}
		checkSDK(t, c, e, res.SDK)
	}
	t.Logf("%d calls compared with Kuzzle %s (%d differences), %d where Kuzzle throws; %d Go errors read back by kuzzle-sdk %s",
		len(calls), kuzzlejs.KuzzleVersion, diffs, len(thrown), len(all), kuzzlejs.SDKVersion)
}

// checkSDK requires the SDK's KuzzleError, built from the Go error's JSON, to
// hold the Go error's fields.
func checkSDK(t *testing.T, c call, e *kerror.Error, sdkJSON string) {
	t.Helper()
	var sdk struct {
		ID       string
		Code     int32
		Status   int
		Message  string
		Props    json.RawMessage
		Errors   json.RawMessage
		Count    *float64
		HasStack bool
	}
	if err := json.Unmarshal([]byte(sdkJSON), &sdk); err != nil {
		t.Fatalf("%s: %v", c, err)
	}
	want, _ := json.Marshal(e)
	var fields map[string]json.RawMessage
	json.Unmarshal(want, &fields)
	same := func(a, b json.RawMessage) bool {
		var x, y any
		json.Unmarshal(a, &x)
		json.Unmarshal(b, &y)
		return reflect.DeepEqual(x, y)
	}
	if sdk.ID != e.ID || sdk.Code != int32(e.Code) || sdk.Status != e.Status || sdk.Message != e.Message || !sdk.HasStack ||
		!same(sdk.Props, fields["props"]) || !same(sdk.Errors, fields["errors"]) {
		t.Errorf("%s: kuzzle-sdk read %s\nfrom %s", c, sdkJSON, want)
	}
	if _, ok := fields["count"]; ok && (sdk.Count == nil || int(*sdk.Count) != e.Count) {
		t.Errorf("%s: kuzzle-sdk read count %v, want %d", c, sdk.Count, e.Count)
	}
}

// useKuzzleCodes makes the registry in use, for the test, the codes of the
// Kuzzle installed in dir with customDomain, and returns their paths.
func useKuzzleCodes(t *testing.T, dir string) (codes, custom string) {
	t.Helper()
	codes = filepath.Join(dir, "node_modules", "kuzzle", "dist", "lib", "kerror", "codes")
	custom = filepath.Join(t.TempDir(), "200-custom.json")
	if err := os.WriteFile(custom, []byte(customDomain), 0o644); err != nil {
		t.Fatal(err)
	}
	reg, err := registry.LoadPaths(codes, custom)
	if err != nil {
		t.Fatal(err)
	}
	prev := kerror.Registry()
	if err := kerror.Use(reg); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := kerror.Use(prev); err != nil {
			t.Error(err)
		}
	})
	return codes, custom
}
