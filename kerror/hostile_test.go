package kerror_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime/debug"
	"runtime/metrics"
	"strings"
	"testing"
	"time"

	"github.com/kerrlint/kerrlint/kerror"
)

// The runtime's part of the hostile-input suite: values a service may hand
// kerror on its error path that make naive formatting panic, loop or blow up
// (panicking methods, cycles, shared substructure, depth, size). Each case
// runs in a child process under a deadline and a heap bound, so that a hang
// or a blow-up fails the case instead of hanging CI or taking the machine's
// memory.

const (
	hostileEnv      = "KERROR_HOSTILE_CASE"
	hostileDeadline = 60 * time.Second // per case, on a loaded machine; each takes well under 2 s
	hostileHeap     = 768 << 20        // live heap bound of a child
	messageBound    = 1<<20 + 64<<10   // maxMessage, plus one leaf written whole
	jsonBound       = 16<<20 + 3<<20   // maxJSON, plus the message, its stack and one leaf
)

type boomStringer struct{}

func (boomStringer) String() string { panic("boom") }

type boomError struct{}

func (boomError) Error() string { panic(errors.New("boom")) }

type boomMarshaler struct{ A int }

func (boomMarshaler) MarshalJSON() ([]byte, error) { panic("boom") }

type boomKey int

func (boomKey) MarshalText() ([]byte, error) { panic("boom") }

// panicsWithPanicker's String panics with a value whose String panics.
type panicsWithPanicker struct{}

func (panicsWithPanicker) String() string { panic(boomStringer{}) }

// panicsWithCycle's String panics with a map holding itself.
type panicsWithCycle struct{}

func (panicsWithCycle) String() string { panic(selfMap()) }

type listNode struct {
	Name string
	Next *listNode
}

type selfPointer *selfPointer

// rejected is refused by encoding/json (a channel) and holds a cycle that fmt
// would follow forever (an unexported map holding itself).
type rejected struct {
	C chan int
	m map[string]any
}

func selfMap() map[string]any {
	m := map[string]any{}
	m["a"], m["b"] = m, m
	return m
}

// dagMaps is 2^levels paths over levels+1 maps.
func dagMaps(levels int) map[string]any {
	d := map[string]any{"k": 1}
	for range levels {
		d = map[string]any{"a": d, "b": d}
	}
	return d
}

const notFound = "services.storage.not_found" // "Document not found", no %s: placeholders are appended
const partial = "services.storage.incomplete_fetch"

type hostileCase struct {
	name string
	run  func(t *testing.T)
}

// raise raises notFound with v and checks the outcome: the message (want is
// a part of it), valid JSON within the bound ending with the error's own
// fields, and returns the JSON.
func raise(t *testing.T, want string, v ...any) string {
	t.Helper()
	e := kerror.New(notFound, v...)
	return checkError(t, e, want)
}

func checkError(t *testing.T, e *kerror.Error, want string) string {
	t.Helper()
	if !strings.Contains(e.Message, want) {
		t.Errorf("message %.300q does not contain %q", e.Message, want)
	}
	if len(e.Message) > messageBound {
		t.Errorf("message of %d bytes, bound %d", len(e.Message), messageBound)
	}
	data, err := json.Marshal(e)
	if err != nil {
		t.Fatalf("json.Marshal: %v", err)
	}
	if len(data) > jsonBound {
		t.Errorf("JSON of %d bytes, bound %d", len(data), jsonBound)
	}
	var back struct {
		ID     string
		Status int
	}
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatalf("invalid JSON: %v", err)
	}
	if back.ID != e.ID || back.Status != e.Status {
		t.Errorf("the error's own fields are lost: %.200s", data)
	}
	return string(data)
}

func hostileCases() []hostileCase {
	return []hostileCase{
		{"String method panics", func(t *testing.T) {
			raise(t, "Document not found %!v(PANIC=String method: boom)", boomStringer{})
		}},
		{"Error method panics", func(t *testing.T) {
			data := raise(t, "Document not found %!v(PANIC=Error method: boom)", boomError{})
			if !strings.Contains(data, `"props":["%!v(PANIC=Error method: boom)"]`) {
				t.Errorf("JSON %s", data)
			}
		}},
		{"String method panics with a value whose String panics", func(t *testing.T) {
			raise(t, "%!v(PANIC=String method: %!v(PANIC=String method: boom))", panicsWithPanicker{})
		}},
		{"MarshalJSON panics: its %v text", func(t *testing.T) {
			data := raise(t, "Document not found {7}", boomMarshaler{7})
			if !strings.Contains(data, `"props":["{7}"]`) {
				t.Errorf("JSON %s", data)
			}
		}},
		{"MarshalJSON panics in a struct field", func(t *testing.T) {
			raise(t, "Document not found {x {7}}", struct {
				Name string
				In   boomMarshaler
			}{"x", boomMarshaler{7}})
		}},
		{"MarshalText of a map key panics", func(t *testing.T) {
			data := raise(t, "{ '3': 'v' }", map[boomKey]string{3: "v"})
			if !strings.Contains(data, `"props":[{"3":"v"}]`) {
				t.Errorf("JSON %s", data)
			}
		}},
		{"String method panics with a map holding itself", func(t *testing.T) {
			raise(t, "%!v(PANIC=String method: [Circular])", panicsWithCycle{})
		}},
		{"Format with panicking methods", func(t *testing.T) {
			got := kerror.Format("%s %d %j %o", boomStringer{}, boomError{}, boomMarshaler{1}, boomStringer{})
			if want := "%!v(PANIC=String method: boom) NaN "; !strings.HasPrefix(got, want) {
				t.Errorf("Format = %q, want %q...", got, want)
			}
		}},
		{"map holding itself twice", func(t *testing.T) {
			data := raise(t, "Document not found <ref *1> { a: [Circular *1], b: [Circular *1] }", selfMap())
			if !strings.Contains(data, `"props":[{"a":"[Circular]","b":"[Circular]"}]`) {
				t.Errorf("JSON %s", data)
			}
		}},
		{"slice holding itself", func(t *testing.T) {
			s := make([]any, 2)
			s[0], s[1] = 1, s
			data := raise(t, "Document not found <ref *1> [ 1, [Circular *1] ]", s)
			if !strings.Contains(data, `"props":[[1,"[Circular]"]]`) {
				t.Errorf("JSON %s", data)
			}
			if got := kerror.Format("%d %i %j", s, s, s); got != "NaN 1 [Circular]" {
				t.Errorf("Format(%%d %%i %%j) = %q", got)
			}
		}},
		{"pointer to a map holding itself through the pointer", func(t *testing.T) {
			m := map[string]any{}
			m["p"] = &m
			raise(t, "<ref *1> { p: [Circular *1] }", &m)
		}},
		{"pointer holding itself", func(t *testing.T) {
			var p selfPointer
			p = &p
			raise(t, "Document not found [Circular]", p)
		}},
		{"DAG of 64 shared maps (2^64 paths)", func(t *testing.T) {
			data := raise(t, "Document not found {\n  a: { a: { a: [Object], b: [Object] }, b: { a: [Object], b: [Object] } },", dagMaps(64))
			if !strings.Contains(data, `"[Truncated]"`) || !strings.HasSuffix(data, `"status":404}`) {
				t.Errorf("JSON ends %s", data[max(0, len(data)-200):])
			}
			if got := kerror.Format("%o", dagMaps(64)); len(got) > 4000 {
				t.Errorf("%%o: %d bytes", len(got))
			}
		}},
		{"DAG of 100-element slices, %o (100^5 paths within the depth)", func(t *testing.T) {
			s := []any{1}
			for range 20 {
				next := make([]any, 100)
				for i := range next {
					next[i] = s
				}
				s = next
			}
			got := kerror.Format("%o", s)
			if len(got) > messageBound || !strings.Contains(got, "...") {
				t.Errorf("%%o: %d bytes, ends %q", len(got), got[max(0, len(got)-100):])
			}
			raise(t, "[", s)
		}},
		{"DAG of 2000-key maps, appended (2000^3 paths within the depth)", func(t *testing.T) {
			m := map[string]any{"leaf": 1}
			for range 4 {
				next := make(map[string]any, 2000)
				for i := range 2000 {
					next[fmt.Sprint("key", i)] = m
				}
				m = next
			}
			raise(t, "{", m)
		}},
		{"DAG of nested arrays joined by %d (String(array))", func(t *testing.T) {
			s := []any{1}
			for range 64 {
				s = []any{s, s}
			}
			if got := kerror.Format("%d %i", s, s); got != "NaN 1" {
				t.Errorf("Format = %q", got)
			}
		}},
		{"a shared string of 1 MiB, 1000 times", func(t *testing.T) {
			big := strings.Repeat("x", 1<<20)
			s := make([]string, 1000)
			for i := range s {
				s[i] = big
			}
			raise(t, "... 900 more items", s)
		}},
		{"struct holding a map that holds itself", func(t *testing.T) {
			data := raise(t, "Document not found [Circular]", struct{ M map[string]any }{selfMap()})
			if !strings.Contains(data, `"props":["[Circular]"]`) {
				t.Errorf("JSON %s", data)
			}
		}},
		{"struct holding itself through a pointer", func(t *testing.T) {
			n := &listNode{Name: "n"}
			n.Next = n
			raise(t, "Document not found [Circular]", n)
			m := listNode{Name: "m", Next: n}
			raise(t, "Document not found [Circular]", m)
		}},
		{"struct holding a DAG of 64 shared maps", func(t *testing.T) {
			raise(t, "Document not found [Truncated]", struct{ D map[string]any }{dagMaps(64)})
		}},
		{"struct encoding/json rejects, holding a cycle for fmt", func(t *testing.T) {
			raise(t, "Document not found [Circular]", rejected{m: selfMap()})
		}},
		{"error in its own body", func(t *testing.T) {
			e := kerror.New(partial)
			e.Errors = []any{e}
			data := checkError(t, e, "")
			if !strings.Contains(data, `"errors":["[Circular]"]`) {
				t.Errorf("JSON %s", data)
			}
			s := make([]any, 1)
			s[0] = s
			data = checkError(t, kerror.New(partial, s), "")
			if !strings.Contains(data, `"errors":["[Circular]"],"count":1`) {
				t.Errorf("JSON %s", data)
			}
		}},
		{"error whose body holds a struct holding the error", func(t *testing.T) {
			e := kerror.New(partial)
			e.Errors = []any{struct{ Err *kerror.Error }{e}}
			data := checkError(t, e, "")
			if !strings.Contains(data, `"errors":["[Circular]"]`) {
				t.Errorf("JSON %s", data)
			}
		}},
		{"100000 nested maps", func(t *testing.T) {
			m := map[string]any{}
			for range 100000 {
				m = map[string]any{"m": m}
			}
			data := raise(t, "Document not found { m: { m: { m: [Object] } } }", m)
			if !strings.Contains(data, `"[Truncated]"`) {
				t.Errorf("JSON %.200s", data)
			}
		}},
		{"Decode of 10^6 nested arrays", func(t *testing.T) {
			in := `{"message":"m","props":` + strings.Repeat("[", 1_000_000) + strings.Repeat("]", 1_000_000) + `}`
			if _, err := kerror.Decode([]byte(in)); err == nil || !strings.Contains(err.Error(), "nested more than") {
				t.Errorf("Decode: %v", err)
			}
		}},
		{"Decode of 4 MiB of props, written back", func(t *testing.T) {
			var b strings.Builder
			b.WriteString(`{"code":1,"id":"x.y.z","message":"m","props":[`)
			for i := 0; b.Len() < 4<<20; i++ {
				if i > 0 {
					b.WriteByte(',')
				}
				fmt.Fprintf(&b, `{"k%d":[%d,"v"]}`, i%7, i)
			}
			b.WriteString(`],"status":500}`)
			e, err := kerror.Decode([]byte(b.String()))
			if err != nil {
				t.Fatal(err)
			}
			if data, _ := e.MarshalJSON(); string(data) != b.String() {
				t.Errorf("written back: %d bytes of %d", len(data), b.Len())
			}
		}},
		{"Decode of an error object with 200000 members", func(t *testing.T) {
			var b strings.Builder
			b.WriteString(`{"message":"m"`)
			for i := range 200_000 {
				fmt.Fprintf(&b, `,"m%d":%d`, i, i)
			}
			b.WriteString(`}`)
			e, err := kerror.Decode([]byte(b.String()))
			if err != nil || e.Message != "m" {
				t.Fatalf("Decode: %v", err)
			}
			if data, _ := e.MarshalJSON(); string(data) != b.String() {
				t.Errorf("written back: %d bytes of %d", len(data), b.Len())
			}
		}},
		{"a slice of 10^6 integers", func(t *testing.T) {
			s := make([]int, 1_000_000)
			raise(t, "... 999900 more items", s)
		}},
	}
}

// TestHostileValues runs every case in its own child process, bounded in
// time and heap.
func TestHostileValues(t *testing.T) {
	if testing.Short() {
		t.Skip("child processes")
	}
	for _, c := range hostileCases() {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(context.Background(), hostileDeadline)
			defer cancel()
			cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestHostileChild$", "-test.count=1", "-test.v")
			cmd.Env = append(os.Environ(), hostileEnv+"="+c.name)
			start := time.Now()
			out, err := cmd.CombinedOutput()
			switch {
			case ctx.Err() != nil:
				t.Fatalf("no answer in %v (a hang, or a blow-up):\n%s", hostileDeadline, tail(out))
			case err != nil:
				t.Fatalf("%v:\n%s", err, tail(out))
			case !strings.Contains(string(out), "--- PASS: TestHostileChild"):
				t.Fatalf("the case did not run:\n%s", tail(out))
			}
			t.Logf("%v", time.Since(start).Round(time.Millisecond))
		})
	}
}

func tail(out []byte) []byte {
	return out[max(0, len(out)-3000):]
}

// TestHostileChild runs the case $KERROR_HOSTILE_CASE names, under a heap
// watchdog and with a small stack bound (a runaway recursion fails fast).
func TestHostileChild(t *testing.T) {
	name := os.Getenv(hostileEnv)
	if name == "" {
		t.Skip("run by TestHostileValues")
	}
	debug.SetMaxStack(256 << 20)
	go func() {
		sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		for {
			metrics.Read(sample)
			if n := sample[0].Value.Uint64(); n > hostileHeap {
				fmt.Fprintf(os.Stderr, "heap of %d MiB, over the bound of %d MiB\n", n>>20, hostileHeap>>20)
				os.Exit(3)
			}
			time.Sleep(5 * time.Millisecond)
		}
	}()
	for _, c := range hostileCases() {
		if c.name == name {
			c.run(t)
			return
		}
	}
	t.Fatalf("no case %q", name)
}
