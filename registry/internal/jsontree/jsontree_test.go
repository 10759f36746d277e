package jsontree

import (
	"fmt"
	"strings"
	"testing"
)

// dump renders a node with its kind, position and contents, members and
// elements recursively.
func dump(n Node) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s@%d:%d", n.Kind(), n.Pos().Line, n.Pos().Col)
	switch n.Kind() {
	case Object:
		b.WriteString("{")
		for m := range n.Members() {
			fmt.Fprintf(&b, "%q@%d:%d=%s ", m.Key, m.Pos.Line, m.Pos.Col, dump(m.Value))
		}
		b.WriteString("}")
	case Array:
		b.WriteString("[")
		for e := range n.Elements() {
			b.WriteString(dump(e) + " ")
		}
		b.WriteString("]")
	default:
		fmt.Fprintf(&b, "(%s)", n.Text())
	}
	return b.String()
}

func TestParse(t *testing.T) {
	for _, tc := range []struct{ name, in, want, dups string }{
		{"scalars", `[1, -2.5e3, "a\u00e9\n", true, false, null, {}, []]`,
			`array@1:1[number@1:2(1) number@1:5(-2.5e3) string@1:13(aé` + "\n" + `) boolean@1:26(true) boolean@1:32(false) null@1:39(null) object@1:45{} array@1:49[] ]`, ""},
		{"positions count bytes, lines from 1, after a BOM", "\uFEFF{\n  \"é\": {\"b\":\n\t1}}",
			`object@1:1{"é"@2:3=object@2:9{"b"@2:10=number@3:2(1) } }`, ""},
		{"a repeated key keeps its first place and its last value", `{"a": 1, "b": 2, "a": [3]}`,
			`object@1:1{"a"@1:2=array@1:23[number@1:24(3) ] "b"@1:10=number@1:15(2) }`, `"a"@1:18 first@1:2`},
		{"large objects find repeated keys too", `{` + manyKeys(40) + `, "k7": 0, "k39": 1}`, "", `"k7"@1:422 first@1:65 "k39"@1:431 first@1:411`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root, dups, err := Parse(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if got := dump(root); tc.want != "" && got != tc.want {
				t.Errorf("tree:\n got %s\nwant %s", got, tc.want)
			}
			var ds []string
			for _, d := range dups {
				ds = append(ds, fmt.Sprintf("%q@%d:%d first@%d:%d", d.Key, d.Pos.Line, d.Pos.Col, d.First.Line, d.First.Col))
			}
			if got := strings.Join(ds, " "); got != tc.dups {
				t.Errorf("duplicates: got %s, want %s", got, tc.dups)
			}
		})
	}
}

func manyKeys(n int) string {
	var keys []string
	for i := range n {
		keys = append(keys, fmt.Sprintf(`"k%d": %d`, i, i))
	}
	return strings.Join(keys, ", ")
}

func TestLookup(t *testing.T) {
	root, _, err := Parse(`{"a": {"b": "x"}, "n": 0.0, "s": "", "e": 1e400, "i": 2.55e2}`)
	if err != nil {
		t.Fatal(err)
	}
	if m, ok := root.Lookup("a"); !ok || m.Key != "a" || m.Pos != (Pos{1, 2}) || m.Value.Field("b").Text() != "x" {
		t.Errorf("Lookup(a) = %+v, %v", m, ok)
	}
	if _, ok := root.Lookup("z"); ok {
		t.Error("Lookup(z) found a member")
	}
	if n := root.Field("z"); n.Kind() != None || n.Truthy() || n.Len() != 0 || n.Field("a").Kind() != None {
		t.Errorf("Field(z) = %s, want no value", dump(n))
	}
	if root.Len() != 5 || root.Field("a").Len() != 1 {
		t.Errorf("Len = %d, %d", root.Len(), root.Field("a").Len())
	}
	for key, want := range map[string]struct {
		f       float64
		integer bool
		truthy  bool
	}{"n": {0, true, false}, "e": {0, false, true}, "i": {255, true, true}, "s": {0, false, false}, "a": {0, false, true}} {
		n := root.Field(key)
		f, integer := n.Integer()
		if integer != want.integer || integer && f != want.f || n.Truthy() != want.truthy {
			t.Errorf("%s: Integer() = %v, %v; Truthy() = %v; want %+v", key, f, integer, n.Truthy(), want)
		}
	}
}

func TestSyntaxError(t *testing.T) {
	for in, want := range map[string]string{
		``:                        "1:1: unexpected end of file",
		`{"a": 1,}`:               `1:9: expected a string key, found '}'`,
		"{\n  \"a\" 1}":           `2:7: expected ':', found '1'`,
		`{"a": tru}`:              `1:7: invalid character 't' looking for the beginning of a value`,
		`["a` + "\x01" + `"]`:     `1:4: control character '\x01' in a string`,
		`"\x"`:                    "1:1: invalid string literal",
		`01`:                      "1:2: unexpected data after the top-level value",
		`-`:                       "1:2: unexpected end of file",
		`[1.]`:                    "1:4: invalid number",
		strings.Repeat("[", 1002): "1:1002: nesting deeper than 1000",
	} {
		_, _, err := Parse(in)
		if err == nil || err.Error() != want {
			t.Errorf("Parse(%.20q) = %v, want %s", in, err, want)
		}
	}
}

// TestParserReuse checks that a Parser's second document does not see the
// first's.
func TestParserReuse(t *testing.T) {
	var p Parser
	if _, _, err := p.Parse(`{"a": [1, {"b": 2}], "c": "d"}`); err != nil {
		t.Fatal(err)
	}
	root, dups, err := p.Parse(`{"x": 1}`)
	if err != nil || len(dups) != 0 || dump(root) != `object@1:1{"x"@1:2=number@1:7(1) }` {
		t.Fatalf("second parse: %s, %v, %v", dump(root), dups, err)
	}
}

// TestLargeObjectIndexes checks the key indexes of large objects, which a
// Parser reuses: nested large objects each find their own repeated keys,
// sibling ones do not see each other's keys, and neither does the next
// document (also after one that stops at a syntax error inside them).
func TestLargeObjectIndexes(t *testing.T) {
	var p Parser
	large := "{" + manyKeys(20) + "}"
	doc := `{"a": ` + large + `, "b": {` + manyKeys(20) + `, "k3": 1}, ` + manyKeys(20) + `, "k5": 2}`
	for range 2 {
		_, dups, err := p.Parse(doc)
		if err != nil {
			t.Fatal(err)
		}
		var ds []string
		for _, d := range dups {
			ds = append(ds, fmt.Sprintf("%s@%d", d.Key, d.Pos.Col))
		}
		if got, want := strings.Join(ds, " "), "k3@415 k5@625"; got != want {
			t.Errorf("duplicates: got %s, want %s", got, want)
		}
		if _, _, err := p.Parse(`{"x": {` + manyKeys(20) + `, `); err == nil {
			t.Fatal("no syntax error")
		}
	}
	root, dups, err := p.Parse(`{` + manyKeys(17) + `}`)
	if err != nil || len(dups) != 0 || root.Len() != 17 {
		t.Fatalf("after reuse: %d members, %v, %v", root.Len(), dups, err)
	}
}
