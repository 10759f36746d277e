package kerror_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"
	"unicode/utf8"

	"github.com/kerrlint/kerrlint/kerror"
	"github.com/kerrlint/kerrlint/registry"
)

// These tests hold each rule of Kuzzle's kerror without node; the expected
// strings are what Node 20 and kuzzle@2.56.0 produce (TestKuzzleConformance
// compares the whole matrix with them when KERRLINT_KUZZLE=1).

// testDomain is a Kuzzle 2.x domain file with one entry per rule.
const testDomain = `{
  "code": 201,
  "subDomains": {
    "rules": {
      "code": 1,
      "errors": {
        "two": {"description": "d", "code": 1, "message": "Between %s and %s", "class": "BadRequestError"},
        "partial": {"description": "d", "code": 2, "message": "Partly %s", "class": "PartialError"},
        "multiple": {"description": "d", "code": 3, "message": "At least one of the %s actions failed.", "class": "MultipleErrorsError"},
        "plugin": {"description": "d", "code": 4, "message": "Plugin %s failed", "class": "PluginImplementationError"},
        "teapot": {"description": "d", "code": 5, "message": "Teapot %s", "class": "KuzzleError", "status": 418},
        "generic": {"description": "d", "code": 6, "message": "Generic", "class": "KuzzleError"}
      }
    }
  }
}`

// useRules installs testDomain over the embedded registry for one test.
func useRules(t *testing.T) {
	t.Helper()
	prev := kerror.Registry()
	if err := kerror.InstallFS(fstest.MapFS{"codes/201-rules.json": {Data: []byte(testDomain)}}, "codes"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := kerror.Use(prev); err != nil {
			t.Fatal(err)
		}
	})
}

// latestCodes is Kuzzle 2.56's codes directory, shared with the project's
// tests but never copied into it (absent on a fresh clone: tests skip).
const latestCodes = "../../shared/kuzzle-codes/latest"

func marshal(t *testing.T, e *kerror.Error) string {
	t.Helper()
	e.Stack = ""
	data, err := e.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestPlaceholderFormatting(t *testing.T) {
	useRules(t)
	when := time.Date(2024, 2, 29, 13, 4, 5, 678_900_000, time.FixedZone("x", 3600))
	tests := []struct {
		args []any
		want string
	}{
		{[]any{"a", "b"}, "Between a and b"},
		{[]any{nil, (*int)(nil)}, "Between null and null"},
		{[]any{math.Copysign(0, -1), math.NaN()}, "Between -0 and NaN"},
		{[]any{math.Inf(1), math.Inf(-1)}, "Between Infinity and -Infinity"},
		{[]any{1e21, 1e-7}, "Between 1e+21 and 1e-7"},
		{[]any{123456789012.5, 0.000001}, "Between 123456789012.5 and 0.000001"},
		{[]any{float32(0.1), int8(-128)}, "Between 0.1 and -128"},
		{[]any{uint64(math.MaxUint64), int64(math.MinInt64)}, "Between 18446744073709551615 and -9223372036854775808"}, // exact (Node: nearest double)
		{[]any{true, []byte("raw")}, "Between true and raw"},
		{[]any{errors.New("disk full"), color(0)}, "Between disk full and red"},
		{[]any{when, time.Time{}}, "Between 2024-02-29T12:04:05.678Z and 0001-01-01T00:00:00.000Z"},
		{[]any{[]string{"a", "it's"}, map[string]any{"b": 1, "a-b": []int{1}}}, `Between [ 'a', "it's" ] and { 'a-b': [Array], b: 1 }`},
		{[]any{person{Name: "Ann", Age: 3}, []int(nil)}, "Between { name: 'Ann', Age: 3 } and []"},
		{[]any{"a", "b", "c", 4, []int{5}}, "Between a and b c 4 [ 5 ]"}, // extras appended, inspected unless strings
		{[]any{"a", "b", map[string]any{"x": map[string]any{"y": map[string]any{"z": map[string]int{}}}}}, "Between a and b { x: { y: { z: {} } } }"},
		{[]any{"a", "b", []any{[]any{[]any{[]any{1}}}}}, "Between a and b [ [ [ [Array] ] ] ]"},
		{[]any{complex(1, 2), "b"}, "Between (1+2i) and b"},
	}
	for _, tt := range tests {
		e := kerror.Get("rules", "rules", "two", tt.args...)
		if e.Message != tt.want {
			t.Errorf("Get(two, %#v).Message = %q, want %q", tt.args, e.Message, tt.want)
		}
	}
	// util.inspect's layout: long arrays in columns, objects over 80 columns on lines.
	long := make([]int, 26)
	for i := range long {
		long[i] = i * i
	}
	got := kerror.Format("%s", long)
	want := "[\n    0,   1,   4,   9,  16,  25,  36,\n   49,  64,  81, 100, 121, 144, 169,\n  196, 225, 256, 289, 324, 361, 400,\n  441, 484, 529, 576, 625\n]"
	if got != want {
		t.Errorf("Format(%%s, squares) =\n%s\nwant\n%s", got, want)
	}
	got = kerror.Format("%s", map[string]string{"alpha": strings.Repeat("a", 30), "beta": strings.Repeat("b", 30)})
	want = "{\n  alpha: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',\n  beta: 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb'\n}"
	if got != want {
		t.Errorf("Format(%%s, wide map) =\n%s\nwant\n%s", got, want)
	}
}

func TestPropsAsGiven(t *testing.T) {
	useRules(t)
	e := kerror.Get("rules", "rules", "two", 42, "x", math.NaN(), math.Copysign(0, -1), nil, uint64(1)<<63, map[int]bool{2: true, 1: false}, errors.New("e"), color(1))
	want := `{"code":-922681343,"id":"rules.rules.two","message":"Between 42 and x NaN -0 null 9223372036854775808 { '1': false, '2': true } e green",` +
		`"props":[42,"x",null,0,null,9223372036854775808,{"1":false,"2":true},"e",1],"status":400}`
	if got := marshal(t, e); got != want {
		t.Errorf("JSON =\n%s\nwant\n%s", got, want)
	}
	if len(e.Props) != 9 || e.Props[0] != 42 {
		t.Errorf("Props = %#v, want the values as given", e.Props)
	}
}

func TestBody(t *testing.T) {
	useRules(t)
	inner := kerror.New("services.storage.not_found", "a")
	inner.Stack = "" // Kuzzle's JSON nests each error's toJSON(), stack included
	tests := []struct {
		name string
		err  *kerror.Error
		want string
	}{
		{"partial", kerror.Get("rules", "rules", "partial", "x", []error{inner}),
			`{"code":-922681342,"id":"rules.rules.partial","message":"Partly x","props":["x"],"status":206,"errors":[{"code":16842763,"id":"services.storage.not_found","message":"Document not found a","props":["a"],"status":404}],"count":1}`},
		{"multiple: count before errors", kerror.Get("rules", "rules", "multiple", "get", []string{"a", "b"}),
			`{"code":-922681341,"id":"rules.rules.multiple","message":"At least one of the get actions failed.","props":["get"],"status":400,"count":2,"errors":["a","b"]}`},
		{"body only: the %s stays", kerror.Get("rules", "rules", "multiple", []int{1}),
			`{"code":-922681341,"id":"rules.rules.multiple","message":"At least one of the %s actions failed.","props":[],"status":400,"count":1,"errors":[1]}`},
		{"no body", kerror.Get("rules", "rules", "partial"),
			`{"code":-922681342,"id":"rules.rules.partial","message":"Partly %s","props":[],"status":206,"errors":[],"count":0}`},
		{"nil body (Kuzzle throws)", kerror.Get("rules", "rules", "partial", "x", nil),
			`{"code":-922681342,"id":"rules.rules.partial","message":"Partly x","props":["x"],"status":206,"errors":[],"count":0}`},
		{"string body: UTF-16 length", kerror.Get("rules", "rules", "partial", "é😀"),
			`{"code":-922681342,"id":"rules.rules.partial","message":"Partly %s","props":[],"status":206,"errors":"é😀","count":3}`},
		{"object body: no length, no count", kerror.Get("rules", "rules", "partial", map[string]int{"failed": 2}),
			`{"code":-922681342,"id":"rules.rules.partial","message":"Partly %s","props":[],"status":206,"errors":{"failed":2}}`},
		{"option after the body", kerror.Get("rules", "rules", "multiple", "get", []int{}, kerror.WithMessage("custom")),
			`{"code":-922681341,"id":"rules.rules.multiple","message":"custom","props":["get"],"status":400,"count":0,"errors":[]}`},
	}
	for _, tt := range tests {
		if got := marshal(t, tt.err); got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, got, tt.want)
		}
	}
}

func TestClassRules(t *testing.T) {
	useRules(t)
	const sentence = "\nThis is probably not a Kuzzle error, but a problem with a plugin implementation."
	if e := kerror.Get("rules", "rules", "plugin", "p"); e.Message != "Plugin p failed"+sentence || e.Status != 500 {
		t.Errorf("PluginImplementationError: %q %d", e.Message, e.Status)
	}
	if e := kerror.Get("rules", "rules", "plugin", kerror.WithMessage("mine")); e.Message != "mine"+sentence {
		t.Errorf("PluginImplementationError with a message: %q", e.Message)
	}
	if kerror.PluginSentence != sentence {
		t.Errorf("PluginSentence = %q", kerror.PluginSentence)
	}
	if e := kerror.Get("rules", "rules", "teapot", "x"); e.Status != 418 || e.Class != kerror.KuzzleError {
		t.Errorf("KuzzleError with a status: %d %s", e.Status, e.Class)
	}
	if e := kerror.Get("rules", "rules", "generic"); e.Status != 500 {
		t.Errorf("KuzzleError without a status: %d, want 500", e.Status)
	}
}

func TestWithMessage(t *testing.T) {
	useRules(t)
	tests := []struct {
		args  []any
		msg   string
		props int
	}{
		{[]any{"a", "b", kerror.WithMessage("replaced")}, "replaced", 2},
		{[]any{"a", kerror.WithMessage("")}, "Between a and %s", 1}, // empty: Kuzzle's options.message || format
		{[]any{kerror.WithMessage("first"), "b"}, "Between { message: 'first' } and b", 2},
	}
	for _, tt := range tests {
		e := kerror.Get("rules", "rules", "two", tt.args...)
		if e.Message != tt.msg || len(e.Props) != tt.props {
			t.Errorf("Get(two, %v) = %q with %d props, want %q with %d", tt.args, e.Message, len(e.Props), tt.msg, tt.props)
		}
	}
	// An unknown id drops the option: the fallback carries the id only.
	if e := kerror.Get("rules", "rules", "nope", "a", kerror.WithMessage("lost")); e.ID != "core.fatal.unexpected_error" || len(e.Props) != 1 || strings.Contains(e.Message, "lost") {
		t.Errorf("unknown id with an option = %s %q %v", e.ID, e.Message, e.Props)
	}
}

func TestLookupAsKuzzle(t *testing.T) {
	for _, id := range [][3]string{
		{"services", "storage", "not_found.code"},
		{"services.storage", "not_found", ""},
		{"services", "storage", "[not_found]"},
		{"services", "storage", "not_found]"},
	} {
		if e := kerror.Get(id[0], id[1], id[2]); e.ID != "core.fatal.unexpected_error" {
			t.Errorf("Get(%q) = %s, want the fallback", id, e.ID)
		}
	}
	if e := kerror.New("services.storage.not_found.x"); e.ID != "core.fatal.unexpected_error" || e.Props[0] != "services.storage.not_found.x" {
		t.Errorf("New of four parts = %s %v", e.ID, e.Props)
	}
}

func TestFallbackFromTheRegistryInUse(t *testing.T) {
	prev := kerror.Registry()
	t.Cleanup(func() { kerror.Use(prev) })
	own, err := registry.LoadFS(fstest.MapFS{"0-core.json": {Data: []byte(`{"code": 0, "subDomains": {"fatal": {"code": 0, "errors": {
		"unexpected_error": {"description": "d", "code": 1, "message": "Oops: %s!", "class": "InternalError"}}}}}`)}}, "0-core.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := kerror.Use(own); err != nil {
		t.Fatal(err)
	}
	if e := kerror.New("services.storage.not_found"); e.Message != "Oops: services.storage.not_found!" {
		t.Errorf("fallback of the registry in use: %q", e.Message)
	}
	lacking, err := registry.LoadFS(fstest.MapFS{"9-shop.json": {Data: []byte(`{"code": 9, "subDomains": {"cart": {"code": 1, "errors": {
		"gone": {"description": "d", "code": 1, "message": "Gone", "class": "NotFoundError"}}}}}`)}}, "9-shop.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := kerror.Use(lacking); err != nil {
		t.Fatal(err)
	}
	if e := kerror.New("shop.cart.gon"); e.ID != "core.fatal.unexpected_error" || e.Code != 1 || !strings.Contains(e.Message, "shop.cart.gon") {
		t.Errorf("fallback of the embedded registry: %s %q", e.ID, e.Message)
	}
	if e := kerror.New("shop.cart.gone"); e.Status != 404 {
		t.Errorf("raise after Use: %+v", e)
	}
	if e := kerror.New("services.storage.not_found"); e.ID != "core.fatal.unexpected_error" {
		t.Errorf("Use replaces: the embedded ids are gone, got %s", e.ID)
	}
}

// TestUseKuzzle2 uses Kuzzle 2.56's codes, which conflict with the embedded
// 1.12 ones (0x01010016 was reused): Install refuses them, Use takes them.
func TestUseKuzzle2(t *testing.T) {
	if _, err := os.Stat(latestCodes); err != nil {
		t.Skipf("Kuzzle 2.56 codes not found at %s: %v", latestCodes, err)
	}
	prev := kerror.Registry()
	t.Cleanup(func() { kerror.Use(prev) })
	r, err := registry.Load(latestCodes)
	if err != nil {
		t.Fatal(err)
	}
	if err := kerror.Install(r); err == nil || !strings.Contains(err.Error(), "0x01010016") {
		t.Errorf("Install of the 2.56 codes over 1.12: %v, want the 0x01010016 conflict", err)
	}
	if kerror.Registry() != prev {
		t.Error("a failed Install changed the registry in use")
	}
	for name, use := range map[string]func() error{
		"Use":   func() error { return kerror.Use(r) },
		"UseFS": func() error { return kerror.UseFS(os.DirFS(latestCodes), ".") },
	} {
		if err := kerror.Use(prev); err != nil {
			t.Fatal(err)
		}
		if err := use(); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if e := kerror.New("services.storage.collection_reserved", "x"); e.Code != 0x01010016 {
			t.Errorf("after %s: %s %s", name, e.ID, registry.FormatCode(e.Code))
		}
	}
	e := kerror.New("services.storage.collection_reserved", "_kuzzle_keep")
	if e.Code != 0x01010016 || e.Message != `Invalid collection name. "_kuzzle_keep" is reserved for internal usage.` {
		t.Errorf("2.x id after UseFS: %s %s %q", e.ID, registry.FormatCode(e.Code), e.Message)
	}
	e = kerror.Get("api", "process", "incomplete_multiple_request", "get", []error{kerror.New("services.storage.not_found", "i", "c", "d")})
	if e.Message != "At least one of the get actions failed." || e.Count != 1 {
		t.Errorf("body call: %q count %d", e.Message, e.Count)
	}
	if e := kerror.New("nope.nope.nope"); e.Message != "Caught an unexpected error: nope.nope.nope." {
		t.Errorf("2.56 fallback: %q", e.Message)
	}
}

func TestUseErrors(t *testing.T) {
	prev := kerror.Registry()
	if err := kerror.Use(nil); err == nil {
		t.Error("Use(nil) succeeded")
	}
	if err := kerror.UseFS(fstest.MapFS{}, "missing"); err == nil || !strings.HasPrefix(err.Error(), "kerror: UseFS: missing") {
		t.Errorf("UseFS of a missing path: %v", err)
	}
	bad := fstest.MapFS{"1-x.json": {Data: []byte(`{"code": 1, "subDomains": {"a": {"code": 1, "errors": {"b": {"code": 1}}}}}`)}}
	if err := kerror.InstallFS(bad, "1-x.json"); err == nil || !strings.Contains(err.Error(), "1-x.json:") {
		t.Errorf("InstallFS of an invalid file: %v, want its position", err)
	}
	if kerror.Registry() != prev {
		t.Error("a failed Use/UseFS/InstallFS changed the registry in use")
	}
}

// TestConcurrentUse raises while the registry is replaced and merged; run
// with -race.
func TestConcurrentUse(t *testing.T) {
	prev := kerror.Registry()
	t.Cleanup(func() { kerror.Use(prev) })
	rules := fstest.MapFS{"201-rules.json": {Data: []byte(testDomain)}}
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				e := kerror.Get("rules", "rules", "two", "a", "b")
				if e.ID != "rules.rules.two" && e.ID != "core.fatal.unexpected_error" {
					t.Errorf("raised %s", e.ID)
					return
				}
				_ = kerror.New("services.storage.not_found", 1).Error()
			}
		}()
	}
	for range 50 {
		if err := kerror.Use(prev); err != nil {
			t.Fatal(err)
		}
		if err := kerror.InstallFS(rules, "201-rules.json"); err != nil {
			t.Fatal(err)
		}
	}
	close(stop)
	wg.Wait()
}

// TestTypedConstructorsCoverTheClasses reads registry's class table and
// requires a Class constant for every class and a typed constructor that
// asserts it (KuzzleError, the generic class, has none).
func TestTypedConstructorsCoverTheClasses(t *testing.T) {
	typed := map[kerror.Class]func(string, ...any) *kerror.Error{
		kerror.BadRequestError: kerror.BadRequest, kerror.UnauthorizedError: kerror.Unauthorized,
		kerror.ForbiddenError: kerror.Forbidden, kerror.NotFoundError: kerror.NotFound,
		kerror.PreconditionError: kerror.Precondition, kerror.SizeLimitError: kerror.SizeLimit,
		kerror.TooManyRequestsError: kerror.TooManyRequests, kerror.InternalError: kerror.Internal,
		kerror.ExternalServiceError: kerror.ExternalService, kerror.PluginImplementationError: kerror.PluginImplementation,
		kerror.ServiceUnavailableError: kerror.ServiceUnavailable, kerror.GatewayTimeoutError: kerror.GatewayTimeout,
		kerror.PartialError: kerror.Partial, kerror.MultipleErrorsError: kerror.MultipleErrors,
	}
	classes := registry.Classes()
	if len(classes) < 15 {
		t.Fatalf("registry.Classes() has %d classes", len(classes))
	}
	// One entry per class, so that each constructor is tried on its own
	// class and on another.
	var entries []*registry.Entry
	for i, c := range classes {
		name := strings.ToLower(c.Name)
		entries = append(entries, &registry.Entry{ID: "classes.all." + name, Domain: "classes", Subdomain: "all", Name: name,
			Code: 0xca010000 | uint32(i+1), Class: c.Name, Description: "d", Message: "m"})
	}
	r, err := registry.New(entries)
	if err != nil {
		t.Fatal(err)
	}
	prev := kerror.Registry()
	t.Cleanup(func() { kerror.Use(prev) })
	if err := kerror.Install(r); err != nil {
		t.Fatal(err)
	}
	for i, c := range classes {
		class := kerror.Class(c.Name)
		if class.Status() != c.Status {
			t.Errorf("%s.Status() = %d, registry says %d", class, class.Status(), c.Status)
		}
		if class == kerror.KuzzleError {
			continue
		}
		ctor, ok := typed[class]
		if !ok {
			t.Errorf("no typed constructor for %s", class)
			continue
		}
		if got := runtime.FuncForPC(reflect.ValueOf(ctor).Pointer()).Name(); got != "github.com/kerrlint/kerrlint/kerror."+c.Constructor {
			t.Errorf("%s is raised by %s, registry's class table says kerror.%s", class, got, c.Constructor)
		}
		if e := ctor(entries[i].ID); e.ID != entries[i].ID || e.Class != class {
			t.Errorf("%s constructor on its class: %s %s", class, e.ID, e.Class)
		}
		other := entries[(i+1)%len(entries)]
		if e := ctor(other.ID); e.ID != "core.fatal.assertion_failed" {
			t.Errorf("%s constructor on a %s: %s", class, other.Class, e.ID)
		}
	}
	if len(typed) != len(classes)-1 {
		t.Errorf("%d typed constructors for %d classes", len(typed), len(classes))
	}
}

func BenchmarkRaise(b *testing.B) {
	b.Run("strings", func(b *testing.B) {
		for b.Loop() {
			_ = kerror.New("services.storage.not_found", "doc", "index", "collection")
		}
	})
	b.Run("map and JSON", func(b *testing.B) {
		m := map[string]any{"a": 1, "b": []int{1, 2}}
		for b.Loop() {
			e := kerror.New("services.storage.not_found", m, 2.5)
			if _, err := e.MarshalJSON(); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// FuzzRaise: any placeholders give valid JSON whose message and props read
// back (for valid UTF-8), and no format makes Format panic.
func FuzzRaise(f *testing.F) {
	f.Add("Between %s and %s %% %d %j %o", "a'b", 1.5, int64(-3), true)
	f.Add("%", "\x00\n", math.Inf(1), int64(1)<<60, false)
	f.Fuzz(func(t *testing.T, format, s string, x float64, n int64, b bool) {
		_ = kerror.Format(format, s, x, n, b, []any{s, x}, map[string]any{s: n})
		e := kerror.New("services.storage.not_found", s, x, n, b, []any{s, x}, map[string]any{s: n})
		data, err := e.MarshalJSON()
		if err != nil || !json.Valid(data) {
			t.Fatalf("invalid JSON %q: %v", data, err)
		}
		var back struct {
			Message string
			Props   []any
		}
		if err := json.Unmarshal(data, &back); err != nil {
			t.Fatal(err)
		}
		if utf8.ValidString(s) && back.Message != e.Message {
			t.Errorf("message %q read back as %q", e.Message, back.Message)
		}
		if len(back.Props) != 6 {
			t.Errorf("props %v", back.Props)
		}
	})
}

// TestDefinitionRules: errors defined in Go follow the same rules.
func TestDefinitionRules(t *testing.T) {
	d := kerror.Define("shop.batch.partly", 0x20020001, kerror.PartialError, "Batch %s partly failed")
	if err := d.Err(); err != nil {
		t.Fatal(err)
	}
	e := d.New("b1", []string{"x", "y"})
	if e.Message != "Batch b1 partly failed" || e.Count != 2 || len(e.Props) != 1 || e.Status != 206 {
		t.Errorf("Define'd PartialError = %q count %d props %v status %d", e.Message, e.Count, e.Props, e.Status)
	}
	if e := d.New("b2", nil, kerror.WithMessage("mine")); e.Message != "mine" || e.Count != 0 {
		t.Errorf("Define'd error with a message = %q count %d", e.Message, e.Count)
	}
}

// FuzzPlaceholdersConsumed holds registry.CountPlaceholders, which the
// analyzer's placeholder-count uses, to what Format (Node's util.format, as
// the conformance suite shows) consumes: with n = CountPlaceholders(f), an
// argument after the n-th is appended as is, and the n-th is not.
func FuzzPlaceholdersConsumed(f *testing.F) {
	for _, s := range []string{"Index %s not found", "%%s", "100%% of %s", "%", "%s%s%", "%d %s", "%c%j%o%O%i%f", "a %s", "%s %s", "%x %s"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, format string) {
		n := registry.CountPlaceholders(format)
		arg := func(i int) any { return fmt.Sprintf("\x01arg%d\x01", i) }
		args := func(k int) []any {
			out := make([]any, k)
			for i := range out {
				out[i] = arg(i)
			}
			return out
		}
		// Format with no argument returns the format untouched (%% too), so
		// compare calls with at least one.
		if n >= 1 {
			if got, want := kerror.Format(format, args(n+1)...), kerror.Format(format, args(n)...)+" "+arg(n).(string); got != want {
				t.Fatalf("CountPlaceholders(%q) = %d, but argument %d is consumed: %q", format, n, n, got)
			}
		}
		if n >= 2 {
			if got := kerror.Format(format, args(n)...); got == kerror.Format(format, args(n-1)...)+" "+arg(n-1).(string) {
				t.Fatalf("CountPlaceholders(%q) = %d, but argument %d is appended: %q", format, n, n-1, got)
			}
		}
	})
}
