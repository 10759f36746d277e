package kerror_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/kerrlint/kerrlint/internal/kuzzlejs"
	"github.com/kerrlint/kerrlint/kerror"
)

// graphCase is a value with cycles or shared substructure, built in Go and in
// JavaScript, formatted by one util.format call.
type graphCase struct {
	name   string
	format string
	goArgs func() []any
	js     string // an expression: the arguments array
}

// nodeThrows names the cases where util.format throws (a throwing toString
// or toJSON, which Go's panicking methods stand for), with the documented Go
// message.
var nodeThrows = map[string]string{
	"String panics (a throwing toString)":    "%!v(PANIC=String method: boom)",
	"MarshalJSON panics (a throwing toJSON)": `"{7}"`,
}

func graphCases() []graphCase {
	selfMap := func() map[string]any {
		m := map[string]any{}
		m["a"], m["b"] = m, m
		return m
	}
	selfSlice := func() []any {
		s := make([]any, 2)
		s[0], s[1] = 1, s
		return s
	}
	dag := func(levels int) map[string]any {
		d := map[string]any{"k": 1}
		for range levels {
			d = map[string]any{"a": d, "b": d}
		}
		return d
	}
	const jsDag = `(n) => { let d = {k: 1}; for (let i = 0; i < n; i++) d = {a: d, b: d}; return d; }`
	return []graphCase{
		{"map holding itself twice", "%s", func() []any { return []any{selfMap()} },
			`(() => { const m = {}; m.a = m; m.b = m; return [m]; })()`},
		{"map holding itself, appended", "x", func() []any { return []any{selfMap()} },
			`(() => { const m = {}; m.a = m; m.b = m; return [m]; })()`},
		{"map holding itself, %o", "%o", func() []any { return []any{selfMap()} },
			`(() => { const m = {}; m.a = m; m.b = m; return [m]; })()`},
		{"map holding itself, %O", "%O", func() []any { return []any{selfMap()} },
			`(() => { const m = {}; m.a = m; m.b = m; return [m]; })()`},
		{"slice holding itself", "%s", func() []any { return []any{selfSlice()} },
			`(() => { const s = [1]; s.push(s); return [s]; })()`},
		{"slice holding itself: %d %i %j %o", "%d %i %j %o", func() []any { s := selfSlice(); return []any{s, s, s, s} },
			`(() => { const s = [1]; s.push(s); return [s, s, s, s]; })()`},
		{"slice holding only itself, %o", "%o", func() []any { s := make([]any, 1); s[0] = s; return []any{s} },
			`(() => { const s = []; s.push(s); return [s]; })()`},
		{"two maps holding each other, in a slice", "x", func() []any {
			x, y := map[string]any{}, map[string]any{}
			x["y"], y["x"] = y, x
			return []any{[]any{x, y}}
		}, `(() => { const x = {}, y = {}; x.y = y; y.x = x; return [[x, y]]; })()`},
		{"two cycles numbered in order", "x", func() []any {
			a, b := map[string]any{"n": 1}, map[string]any{"n": 2}
			a["self"], b["self"] = a, b
			return []any{[]any{a, b}, a}
		}, `(() => { const a = {n: 1}, b = {n: 2}; a.self = a; b.self = b; return [[a, b], a]; })()`},
		{"cycle through an array in a map", "x", func() []any {
			m := map[string]any{"n": 1}
			m["list"] = []any{m, "s", m}
			return []any{m}
		}, `(() => { const m = {list: null, n: 1}; m.list = [m, "s", m]; return [m]; })()`},
		{"cycle below the depth: not reached", "%s x", func() []any {
			a := map[string]any{}
			a["b"] = map[string]any{"c": map[string]any{"a": a}}
			return []any{a, a}
		}, `(() => { const a = {}; a.b = {c: {a}}; return [a, a]; })()`},
		{"cycle below the depth, %o", "%o", func() []any {
			a := map[string]any{}
			a["b"] = map[string]any{"c": map[string]any{"a": a}}
			return []any{a}
		}, `(() => { const a = {}; a.b = {c: {a}}; return [a]; })()`},
		{"long array holding itself: columns with a ref", "x", func() []any {
			s := make([]any, 9)
			for i := range 8 {
				s[i] = i * 100
			}
			s[8] = s
			return []any{s}
		}, `(() => { const s = [0, 100, 200, 300, 400, 500, 600, 700]; s.push(s); return [s]; })()`},
		{"wide map holding itself: lines with a ref", "x", func() []any {
			m := map[string]any{"alpha": strings.Repeat("a", 30), "beta": strings.Repeat("b", 30)}
			m["self"] = m
			return []any{m}
		}, `(() => { const m = {alpha: "a".repeat(30), beta: "b".repeat(30)}; m.self = m; return [m]; })()`},
		{"ref prefix just below the break length", "x", func() []any {
			m := map[string]any{"alpha": strings.Repeat("a", 12), "beta": strings.Repeat("b", 12)}
			m["self"] = m
			return []any{m}
		}, `(() => { const m = {alpha: "a".repeat(12), beta: "b".repeat(12)}; m.self = m; return [m]; })()`},
		{"shared map, not a cycle", "x", func() []any {
			d0 := map[string]any{"k": 1}
			d1 := map[string]any{"a": d0, "b": d0}
			return []any{d1, []any{d1, d1}}
		}, `(() => { const d0 = {k: 1}; const d1 = {a: d0, b: d0}; return [d1, [d1, d1]]; })()`},
		{"shared slice, not a cycle", "%s %o", func() []any {
			s := []any{1, 2}
			return []any{[]any{s, s}, map[string]any{"x": s, "y": s}}
		}, `(() => { const s = [1, 2]; return [[s, s], {x: s, y: s}]; })()`},
		{"DAG of 64 shared levels (2^64 paths), %s", "%s", func() []any { return []any{dag(64)} }, `[(` + jsDag + `)(64)]`},
		{"DAG of 64 shared levels, appended", "x", func() []any { return []any{dag(64)} }, `[(` + jsDag + `)(64)]`},
		{"DAG of 64 shared levels, %o", "%o", func() []any { return []any{dag(64)} }, `[(` + jsDag + `)(64)]`},
		{"DAG of 64 shared levels, %j of a small one", "%j", func() []any { return []any{dag(3)} }, `[(` + jsDag + `)(3)]`},
		{"pointer to a map holding itself", "x", func() []any { m := selfMap(); return []any{&m} },
			`(() => { const m = {}; m.a = m; m.b = m; return [m]; })()`},
		{"String panics (a throwing toString)", "%s", func() []any { return []any{boomStringer{}} },
			`[{toString() { throw new Error("boom"); }}]`},
		{"MarshalJSON panics (a throwing toJSON)", "%j", func() []any { return []any{boomMarshaler{7}} },
			`[{A: 7, toJSON() { throw new Error("boom"); }}]`},
		{"map holding itself through a pointer", "x", func() []any {
			m := map[string]any{}
			m["p"] = &m
			return []any{m}
		}, `(() => { const m = {}; m.p = m; return [m]; })()`},
	}
}

const graphScript = `
const util = require("util");
const readline = require("readline");
const out = [];
readline.createInterface({ input: process.stdin }).on("line", (line) => {
  const c = JSON.parse(line);
  try {
    out.push(JSON.stringify({ out: util.format(c.format, ...eval(c.js)) }));
  } catch (err) {
    out.push(JSON.stringify({ throws: String(err) }));
  }
}).on("close", () => process.stdout.write(out.join("\n") + "\n"));
`

// TestKuzzleCycles formats values with cycles and shared substructure with
// Node's util.format (what Kuzzle's messages are) and with kerror: the
// messages must be identical ([Circular *n], <ref *n>, shared values
// formatted each time they are met, within util.inspect's depth).
func TestKuzzleCycles(t *testing.T) {
	dir := kuzzlejs.Dir(t)
	cases := graphCases()
	var input bytes.Buffer
	for _, c := range cases {
		line, _ := json.Marshal(map[string]string{"format": c.format, "js": c.js})
		input.Write(line)
		input.WriteByte('\n')
	}
	lines := strings.Split(strings.TrimSpace(string(kuzzlejs.Node(t, dir, graphScript, input.Bytes()))), "\n")
	if len(lines) != len(cases) {
		t.Fatalf("node answered %d lines for %d cases", len(lines), len(cases))
	}
	for i, c := range cases {
		var res struct{ Out, Throws string }
		if err := json.Unmarshal([]byte(lines[i]), &res); err != nil {
			t.Fatal(err)
		}
		got := kerror.Format(c.format, c.goArgs()...)
		want, throws := nodeThrows[c.name]
		switch {
		case throws:
			if res.Throws == "" {
				t.Errorf("%s: Node no longer throws: %q", c.name, res.Out)
			}
			if got != want {
				t.Errorf("%s: Format(%q) = %q, want %q", c.name, c.format, got, want)
			}
		case res.Throws != "":
			t.Errorf("%s: Node throws %s", c.name, res.Throws)
		case got != res.Out:
			t.Errorf("%s: Format(%q)\n go   %q\n node %q", c.name, c.format, got, res.Out)
		}
	}
	t.Logf("%d values with cycles or shared substructure formatted as Node's util.format does, or where it throws as documented", len(cases))
}
