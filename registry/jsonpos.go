package registry

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// jsonNode is a parsed JSON value that remembers where it starts, so that
// every problem in a registry file can be reported at file:line:col.
type jsonNode struct {
	loc     loc
	kind    byte     // '{', '[', '"', 'n' (number), 'b' (bool), '0' (null)
	str     string   // a string's value, a number's or literal's text
	members []member // an object's; an array's elements are checked, not kept
}

// member is a key of an object, where it is, and its value.
type member struct {
	key string
	loc loc
	val *jsonNode
}

// loc is a line and byte column in the file being parsed: nodes keep this
// compact form, and problems turn it into a Position.
type loc struct{ line, col int32 }

func (l loc) in(file string) Position { return Position{file, int(l.line), int(l.col)} }

// float returns a number node's value as JavaScript reads it: the nearest
// float64, ±Inf beyond its range.
func (n *jsonNode) float() float64 {
	f, _ := strconv.ParseFloat(n.str, 64) // a range error still gives ±Inf or ±0, as JavaScript does
	return f
}

// integer returns a number node's value and whether Number.isInteger holds
// for it (1.0, 1e3 and 2.55e2 are integers).
func (n *jsonNode) integer() (float64, bool) {
	if n.kind != 'n' {
		return 0, false
	}
	f := n.float()
	return f, !math.IsInf(f, 0) && f == math.Trunc(f)
}

// truthy reports whether JavaScript treats the value as true.
func (n *jsonNode) truthy() bool {
	switch n.kind {
	case '0':
		return false
	case 'b':
		return n.str == "true"
	case '"':
		return n.str != ""
	case 'n':
		return n.float() != 0
	}
	return true
}

// describe renders a value for a message: the literal for a scalar, its kind
// for an object or an array.
func (n *jsonNode) describe() string {
	switch n.kind {
	case '{', '[':
		return withArticle(n.kindName())
	case '"':
		if len(n.str) > 40 {
			return strconv.Quote(n.str[:37] + "...")
		}
		return strconv.Quote(n.str)
	}
	return n.str
}

func (n *jsonNode) kindName() string { return kindName(n.kind) }

// kindName names a JSON kind as messages do.
func kindName(kind byte) string {
	switch kind {
	case '{':
		return "object"
	case '[':
		return "array"
	case '"':
		return "string"
	case 'n':
		return "number"
	case 'b':
		return "boolean"
	}
	return "null"
}

// field returns the value of key in an object node.
func (n *jsonNode) field(key string) (*jsonNode, bool) {
	if m := n.member(key); m != nil {
		return m.val, true
	}
	return nil, false
}

// member returns the member key of an object node, or nil. Registry objects
// have few keys, or keys in an order that makes a map no faster.
func (n *jsonNode) member(key string) *member {
	for i := len(n.members) - 1; i >= 0; i-- {
		if n.members[i].key == key {
			return &n.members[i]
		}
	}
	return nil
}

// utf8BOM is the byte order mark some editors write at the start of a file.
const utf8BOM = "\uFEFF"

// maxDepth bounds the nesting of arrays and objects.
const maxDepth = 1000

// parseJSON parses data into a position-aware tree. It is a small
// single-pass parser rather than encoding/json's token stream, which is
// several times slower on large registries: strings are substrings of one
// copy of the file, and nodes come from slabs. Duplicate object keys are
// keep the last value, as JSON.parse does, and are reported as
// duplicate-key warnings.
func parseJSON(file string, data []byte) (*jsonNode, Problems) {
	p := &jsonParser{file: file, data: string(data), line: 1}
	if strings.HasPrefix(p.data, utf8BOM) { // Node's require skips it; columns count from after it
		p.off, p.lineStart = len(utf8BOM), len(utf8BOM)
	}
	p.skipSpace()
	root := p.value(0)
	if p.err == nil {
		p.skipSpace()
		if p.off < len(p.data) {
			p.fail("unexpected data after the top-level value")
		}
	}
	if p.err != nil {
		return nil, append(p.problems, *p.err)
	}
	return root, p.problems
}

type jsonParser struct {
	file      string
	data      string
	off       int
	line      int // line of off
	lineStart int // offset of the first byte of line
	problems  Problems
	err       *Problem // the syntax error that stopped the parse
	nodes     []jsonNode
	indexes   []map[string]int // by depth: the key index of the large object being parsed there
	stack     []member         // the members of the objects being parsed, innermost last
	members   []member         // slab for the members of parsed objects
}

// keep returns a copy of an object's members from the current slab: a large
// registry allocates members a few thousand at a time, not once per object.
func (p *jsonParser) keep(ms []member) []member {
	if len(ms) > cap(p.members)-len(p.members) {
		p.members = make([]member, 0, max(2048, len(ms)))
	}
	start := len(p.members)
	p.members = append(p.members, ms...)
	return p.members[start:len(p.members):len(p.members)]
}

// indexAt returns an empty key index for a large object at depth: one map
// per depth serves every large object of the file (the errors of each subdomain).
func (p *jsonParser) indexAt(depth int) map[string]int {
	for len(p.indexes) <= depth {
		p.indexes = append(p.indexes, nil)
	}
	if p.indexes[depth] == nil {
		p.indexes[depth] = make(map[string]int, 64)
	}
	clear(p.indexes[depth])
	return p.indexes[depth]
}

// node returns a new node from the current slab.
func (p *jsonParser) node() *jsonNode {
	if len(p.nodes) == cap(p.nodes) {
		p.nodes = make([]jsonNode, 0, 512)
	}
	p.nodes = append(p.nodes, jsonNode{loc: p.loc()})
	return &p.nodes[len(p.nodes)-1]
}

// loc is the location of p.off; columns count bytes, as go/token's do.
func (p *jsonParser) loc() loc {
	return loc{int32(p.line), int32(p.off - p.lineStart + 1)}
}

func (p *jsonParser) fail(format string, args ...any) {
	if p.err == nil {
		msg := fmt.Sprintf(format, args...)
		if p.off >= len(p.data) {
			msg = "unexpected end of file"
		}
		p.err = &Problem{Pos: p.loc().in(p.file), Msg: "invalid JSON: " + msg}
	}
}

func (p *jsonParser) skipSpace() {
	for p.off < len(p.data) {
		switch p.data[p.off] {
		case '\n':
			p.line++
			p.lineStart = p.off + 1
		case ' ', '\t', '\r':
		default:
			return
		}
		p.off++
	}
}

// expect consumes c after optional spaces.
func (p *jsonParser) expect(c byte) bool {
	p.skipSpace()
	if p.off < len(p.data) && p.data[p.off] == c {
		p.off++
		return true
	}
	p.fail("expected %q, found %s", c, p.found())
	return false
}

func (p *jsonParser) found() string {
	if p.off >= len(p.data) {
		return "end of file"
	}
	r, _ := utf8.DecodeRuneInString(p.data[p.off:])
	return fmt.Sprintf("%q", r)
}

// value parses the value at p.off (spaces skipped).
func (p *jsonParser) value(depth int) *jsonNode {
	if p.off >= len(p.data) {
		p.fail("")
		return nil
	}
	if depth > maxDepth {
		p.fail("nesting deeper than %d", maxDepth)
		return nil
	}
	n := p.node()
	switch c := p.data[p.off]; {
	case c == '{':
		n.kind = '{'
		p.off++
		var index map[string]int // key → member, once the object is large
		base := len(p.stack)     // the object's members are p.stack[base:] until it ends
		p.skipSpace()
		if p.off < len(p.data) && p.data[p.off] == '}' {
			p.off++
			return n
		}
		for {
			p.skipSpace()
			kloc := p.loc()
			if p.off >= len(p.data) || p.data[p.off] != '"' {
				p.fail("expected a string key, found %s", p.found())
				return nil
			}
			key, ok := p.string()
			if !ok || !p.expect(':') {
				return nil
			}
			p.skipSpace()
			v := p.value(depth + 1)
			if v == nil {
				return nil
			}
			// Duplicate keys: a scan for small objects, a map for large ones
			// (the errors of a subdomain).
			var prev *member
			if index != nil {
				if i, ok := index[key]; ok {
					prev = &p.stack[base+i]
				}
			} else {
				for i := len(p.stack) - 1; i >= base; i-- {
					if p.stack[i].key == key {
						prev = &p.stack[i]
						break
					}
				}
			}
			if prev != nil {
				p.problems = append(p.problems, Problem{Pos: kloc.in(p.file), Warning: WarnDuplicateKey,
					Msg: fmt.Sprintf("duplicate key %q: the last value is used, as Kuzzle does (first at %s)", key, prev.loc.in(p.file))})
				prev.val = v
			} else {
				p.stack = append(p.stack, member{key, kloc, v})
				switch k := len(p.stack) - base; {
				case index != nil:
					index[key] = k - 1
				case k == 16:
					index = p.indexAt(depth)
					for i, m := range p.stack[base:] {
						index[m.key] = i
					}
				}
			}
			p.skipSpace()
			if p.off < len(p.data) && p.data[p.off] == ',' {
				p.off++
				continue
			}
			n.members = p.keep(p.stack[base:])
			p.stack = p.stack[:base]
			if !p.expect('}') {
				return nil
			}
			return n
		}
	case c == '[':
		n.kind = '['
		p.off++
		p.skipSpace()
		if p.off < len(p.data) && p.data[p.off] == ']' {
			p.off++
			return n
		}
		for {
			p.skipSpace()
			v := p.value(depth + 1)
			if v == nil {
				return nil
			}
			p.skipSpace()
			if p.off < len(p.data) && p.data[p.off] == ',' {
				p.off++
				continue
			}
			if !p.expect(']') {
				return nil
			}
			return n
		}
	case c == '"':
		s, ok := p.string()
		if !ok {
			return nil
		}
		n.kind, n.str = '"', s
	case c == '-' || c >= '0' && c <= '9':
		lit, ok := p.number()
		if !ok {
			return nil
		}
		n.kind, n.str = 'n', lit
	default:
		for _, word := range []struct {
			text string
			kind byte
		}{{"true", 'b'}, {"false", 'b'}, {"null", '0'}} {
			if strings.HasPrefix(p.data[p.off:], word.text) {
				p.off += len(word.text)
				n.kind, n.str = word.kind, word.text
				return n
			}
		}
		p.fail("invalid character %s looking for the beginning of a value", p.found())
		return nil
	}
	return n
}

// string parses the string literal at p.off.
func (p *jsonParser) string() (string, bool) {
	start := p.off
	p.off++ // the opening quote
	escaped := false
	for p.off < len(p.data) {
		switch c := p.data[p.off]; {
		case c == '"':
			p.off++
			if !escaped {
				return p.data[start+1 : p.off-1], true
			}
			var s string
			if err := json.Unmarshal([]byte(p.data[start:p.off]), &s); err != nil {
				p.off = start
				p.fail("invalid string literal")
				return "", false
			}
			return s, true
		case c == '\\':
			escaped = true
			p.off += 2
			continue
		case c < 0x20:
			p.fail("control character %q in a string", c)
			return "", false
		}
		p.off++
	}
	p.off = len(p.data)
	p.fail("")
	return "", false
}

// number parses the number literal at p.off, as JSON's grammar defines it.
func (p *jsonParser) number() (string, bool) {
	start := p.off
	digits := func() int {
		n := 0
		for p.off < len(p.data) && p.data[p.off] >= '0' && p.data[p.off] <= '9' {
			p.off++
			n++
		}
		return n
	}
	if p.data[p.off] == '-' {
		p.off++
	}
	if p.off < len(p.data) && p.data[p.off] == '0' {
		p.off++
	} else if digits() == 0 {
		p.fail("invalid number")
		return "", false
	}
	if p.off < len(p.data) && p.data[p.off] == '.' {
		p.off++
		if digits() == 0 {
			p.fail("invalid number")
			return "", false
		}
	}
	if p.off < len(p.data) && (p.data[p.off] == 'e' || p.data[p.off] == 'E') {
		p.off++
		if p.off < len(p.data) && (p.data[p.off] == '+' || p.data[p.off] == '-') {
			p.off++
		}
		if digits() == 0 {
			p.fail("invalid number")
			return "", false
		}
	}
	return p.data[start:p.off], true
}

func withArticle(s string) string {
	if strings.ContainsRune("aeiou", rune(s[0])) {
		return "an " + s
	}
	return "a " + s
}
