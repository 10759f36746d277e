package registry

import (
	"encoding/json"
	"fmt"
	"hash/maphash"
	"iter"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// jsonTree is a parsed JSON document that remembers where each value starts,
// so that every problem in a registry file can be reported at file:line:col.
// It holds no pointers but its text: nodes and members are flat arrays that
// refer to each other by index and to strings by offset into data, so the
// garbage collector never scans them and building them needs no write
// barriers.
type jsonTree struct {
	data    string     // the file; strings without escapes are substrings of it
	nodes   []jsonNode // every value, children before their object
	members []member   // every object's members, each object's contiguous
	decoded []string   // the values of strings with escapes
}

// jsonNode is one value of a jsonTree.
type jsonNode struct {
	loc  loc
	kind byte // '{', '[', '"', 'n' (number), 'b' (bool), '0' (null)
	// An object's members are members[a:a+b]; a scalar's text (a string's
	// value, a number's or literal's text) is the text a, b (see jsonTree.text).
	a, b int32
}

// member is a key of an object (the text key, keyLen), where it is, and the
// index of its value.
type member struct {
	key, keyLen int32
	loc         loc
	val         int32
}

// text returns the text at off, n: data[off:off+n], or for off < 0 the
// decoded string -off-1.
func (t *jsonTree) text(off, n int32) string {
	if off < 0 {
		return t.decoded[-off-1]
	}
	return t.data[off : off+n]
}

// node is a value of a parsed document, as the validator reads it.
type node struct {
	jsonNode
	t *jsonTree
}

func (t *jsonTree) node(i int32) node { return node{t.nodes[i], t} }

// pair is a member of an object, as the validator reads it.
type pair struct {
	key string
	loc loc
	val node
}

func (t *jsonTree) pair(m *member) pair {
	return pair{t.text(m.key, m.keyLen), m.loc, t.node(m.val)}
}

// str returns a string's value, or a number's or a literal's text.
func (n node) str() string {
	if n.kind == '{' || n.kind == '[' {
		return ""
	}
	return n.t.text(n.a, n.b)
}

// len returns the number of members of an object.
func (n node) len() int {
	if n.kind != '{' {
		return 0
	}
	return int(n.b)
}

// pairs returns the members of an object, in source order.
func (n node) pairs() iter.Seq[pair] {
	return func(yield func(pair) bool) {
		if n.kind != '{' {
			return
		}
		for i := range n.b {
			if !yield(n.t.pair(&n.t.members[n.a+i])) {
				return
			}
		}
	}
}

// loc is a line and byte column in the file being parsed: nodes keep this
// compact form, and problems turn it into a Position.
type loc struct{ line, col int32 }

func (l loc) in(file string) Position { return Position{file, int(l.line), int(l.col)} }

// float returns a number node's value as JavaScript reads it: the nearest
// float64, ±Inf beyond its range.
func (n node) float() float64 {
	text := n.str()
	if len(text) <= 15 { // a plain integer of up to 15 digits is exact in a float64
		v := 0
		for i := 0; i < len(text); i++ {
			c := text[i]
			if c < '0' || c > '9' {
				v = -1
				break
			}
			v = v*10 + int(c-'0')
		}
		if v >= 0 && len(text) > 0 {
			return float64(v)
		}
	}
	f, _ := strconv.ParseFloat(text, 64) // a range error still gives ±Inf or ±0, as JavaScript does
	return f
}

// integer returns a number node's value and whether Number.isInteger holds
// for it (1.0, 1e3 and 2.55e2 are integers).
func (n node) integer() (float64, bool) {
	if n.kind != 'n' {
		return 0, false
	}
	f := n.float()
	return f, !math.IsInf(f, 0) && f == math.Trunc(f)
}

// truthy reports whether JavaScript treats the value as true.
func (n node) truthy() bool {
	switch n.kind {
	case '0':
		return false
	case 'b':
		return n.str() == "true"
	case '"':
		return n.str() != ""
	case 'n':
		return n.float() != 0
	}
	return true
}

// describe renders a value for a message: the literal for a scalar, its kind
// for an object or an array.
func (n node) describe() string {
	switch n.kind {
	case '{', '[':
		return withArticle(n.kindName())
	case '"':
		if s := n.str(); len(s) > 40 {
			return strconv.Quote(s[:37] + "...")
		}
		return strconv.Quote(n.str())
	}
	return n.str()
}

func (n node) kindName() string { return kindName(n.kind) }

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
func (n node) field(key string) (node, bool) {
	if m, ok := n.member(key); ok {
		return m.val, true
	}
	return node{}, false
}

// member returns the member key of an object node. Registry objects have
// few keys, or keys in an order that makes a map no faster.
func (n node) member(key string) (pair, bool) {
	if n.kind != '{' {
		return pair{}, false
	}
	ms := n.t.members[n.a : n.a+n.b]
	for i := len(ms) - 1; i >= 0; i-- {
		if n.t.text(ms[i].key, ms[i].keyLen) == key {
			return n.t.pair(&ms[i]), true
		}
	}
	return pair{}, false
}

// utf8BOM is the byte order mark some editors write at the start of a file.
const utf8BOM = "\uFEFF"

// maxDepth bounds the nesting of arrays and objects.
const maxDepth = 1000

// parseJSON parses data into a position-aware tree; its root's t is nil
// when the file is not JSON. It is a small single-pass parser rather than
// encoding/json's token stream, which is several times slower on large
// registries: strings are substrings of one copy of the file, and the tree
// is two flat arrays without pointers. Duplicate object keys keep the last
// value, as JSON.parse does, and are reported as duplicate-key warnings.
func parseJSON(file string, data []byte) (node, Problems) {
	return parseJSONText(file, string(data), nil)
}

// buffers is the memory a parse uses besides the file's text, kept by one
// goroutine from file to file: a file's tree is dead once it is validated,
// and the next file's parse reuses its arrays.
type buffers struct {
	nodes   []jsonNode
	members []member
	stack   []member
	indexes []*keyIndex
}

// parseJSONText is parseJSON on the file's text, in buf's memory (nil: new
// memory). The tree is valid until the next parse in buf.
func parseJSONText(file, data string, buf *buffers) (node, Problems) {
	if len(data) > math.MaxInt32 {
		return node{}, Problems{{Pos: Position{File: file}, Msg: "invalid JSON: file larger than 2 GiB"}}
	}
	if buf == nil {
		buf = &buffers{}
	}
	t := &jsonTree{data: data}
	// Every member has a colon (strings may hold more): one allocation of
	// each array, not a dozen of doublings. Registries hold few arrays.
	colons := strings.Count(data, ":")
	t.nodes = slices.Grow(buf.nodes[:0], colons+colons/8+16)
	t.members = slices.Grow(buf.members[:0], colons+16)
	p := &jsonParser{file: file, data: data, line: 1, t: t, stack: buf.stack[:0], indexes: buf.indexes}
	defer func() { buf.nodes, buf.members, buf.stack, buf.indexes = t.nodes, t.members, p.stack, p.indexes }()
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
		return node{}, append(p.problems, *p.err)
	}
	return t.node(root), p.problems
}

type jsonParser struct {
	file      string
	data      string
	off       int
	line      int // line of off
	lineStart int // offset of the first byte of line
	problems  Problems
	err       *Problem // the syntax error that stopped the parse
	t         *jsonTree
	indexes   []*keyIndex // by depth: the key index of the large object being parsed there
	stack     []member    // the members of the objects being parsed, innermost last
}

// keyIndex finds the members of a large object (the errors of a subdomain)
// by key, to detect duplicate keys: an open-addressing table of member
// numbers, without pointers, so that filling it costs no more than hashing.
type keyIndex struct {
	seed  maphash.Seed
	slots []int32 // 1 + the member's number in the object; 0 is free
	n     int
}

// indexAt returns an empty key index for a large object at depth: one table
// per depth serves every large object of the file.
func (p *jsonParser) indexAt(depth int) *keyIndex {
	for len(p.indexes) <= depth {
		p.indexes = append(p.indexes, nil)
	}
	x := p.indexes[depth]
	if x == nil {
		x = &keyIndex{seed: maphash.MakeSeed(), slots: make([]int32, 64)}
		p.indexes[depth] = x
	}
	clear(x.slots)
	x.n = 0
	return x
}

// find returns the slot of key in x, and the number of the member that has
// it, or -1 (the slot is then free). members are the object's members so far.
func (x *keyIndex) find(t *jsonTree, members []member, key string) (slot uint64, found int) {
	mask := uint64(len(x.slots) - 1)
	for i := maphash.String(x.seed, key) & mask; ; i = (i + 1) & mask {
		k := x.slots[i]
		if k == 0 {
			return i, -1
		}
		if m := &members[k-1]; t.text(m.key, m.keyLen) == key {
			return i, int(k - 1)
		}
	}
}

// add records member number k of members in slot, found free by find, and
// grows the table to keep it at most half full.
func (x *keyIndex) add(t *jsonTree, members []member, slot uint64, k int) {
	x.slots[slot] = int32(k + 1)
	x.n++
	if 2*x.n <= len(x.slots) {
		return
	}
	x.slots = make([]int32, 2*len(x.slots))
	mask := uint64(len(x.slots) - 1)
	for k := range x.n {
		m := &members[k]
		i := maphash.String(x.seed, t.text(m.key, m.keyLen)) & mask
		for x.slots[i] != 0 {
			i = (i + 1) & mask
		}
		x.slots[i] = int32(k + 1)
	}
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
	data, off := p.data, p.off
	for ; off < len(data); off++ {
		switch data[off] {
		case '\n':
			p.line++
			p.lineStart = off + 1
		case ' ', '\t', '\r':
		default:
			p.off = off
			return
		}
	}
	p.off = off
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

// value parses the value at p.off (spaces skipped) and returns its index,
// or -1 after a syntax error.
func (p *jsonParser) value(depth int) int32 {
	if p.off >= len(p.data) {
		p.fail("")
		return -1
	}
	if depth > maxDepth {
		p.fail("nesting deeper than %d", maxDepth)
		return -1
	}
	t := p.t
	i := int32(len(t.nodes))
	t.nodes = append(t.nodes, jsonNode{loc: p.loc()})
	switch c := p.data[p.off]; {
	case c == '{':
		t.nodes[i].kind = '{'
		p.off++
		var index *keyIndex  // the members by key, once the object is large
		base := len(p.stack) // the object's members are p.stack[base:] until it ends
		p.skipSpace()
		if p.off < len(p.data) && p.data[p.off] == '}' {
			p.off++
			return i
		}
		for {
			p.skipSpace()
			kloc := p.loc()
			if p.off >= len(p.data) || p.data[p.off] != '"' {
				p.fail("expected a string key, found %s", p.found())
				return -1
			}
			koff, klen, ok := p.string()
			if !ok || !p.expect(':') {
				return -1
			}
			key := t.text(koff, klen)
			p.skipSpace()
			v := p.value(depth + 1)
			if v < 0 {
				return -1
			}
			// Duplicate keys: a scan for small objects, a map for large ones
			// (the errors of a subdomain).
			var prev *member
			var slot uint64
			if index != nil {
				var k int
				if slot, k = index.find(t, p.stack[base:], key); k >= 0 {
					prev = &p.stack[base+k]
				}
			} else {
				for i := len(p.stack) - 1; i >= base; i-- {
					if m := &p.stack[i]; t.text(m.key, m.keyLen) == key {
						prev = m
						break
					}
				}
			}
			if prev != nil {
				p.problems = append(p.problems, Problem{Pos: kloc.in(p.file), Warning: WarnDuplicateKey,
					Msg: fmt.Sprintf("duplicate key %q: the last value is used, as Kuzzle does (first at %s)", key, prev.loc.in(p.file))})
				prev.val = v
			} else {
				p.stack = append(p.stack, member{koff, klen, kloc, v})
				switch k := len(p.stack) - base; {
				case index != nil:
					index.add(t, p.stack[base:], slot, k-1)
				case k == 16:
					index = p.indexAt(depth)
					for i, m := range p.stack[base:] {
						slot, _ := index.find(t, p.stack[base:], t.text(m.key, m.keyLen))
						index.add(t, p.stack[base:], slot, i)
					}
				}
			}
			p.skipSpace()
			if p.off < len(p.data) && p.data[p.off] == ',' {
				p.off++
				continue
			}
			t.nodes[i].a, t.nodes[i].b = int32(len(t.members)), int32(len(p.stack)-base)
			t.members = append(t.members, p.stack[base:]...)
			p.stack = p.stack[:base]
			if !p.expect('}') {
				return -1
			}
			return i
		}
	case c == '[':
		t.nodes[i].kind = '['
		p.off++
		p.skipSpace()
		if p.off < len(p.data) && p.data[p.off] == ']' {
			p.off++
			return i
		}
		for {
			p.skipSpace()
			if p.value(depth+1) < 0 {
				return -1
			}
			p.skipSpace()
			if p.off < len(p.data) && p.data[p.off] == ',' {
				p.off++
				continue
			}
			if !p.expect(']') {
				return -1
			}
			return i
		}
	case c == '"':
		off, n, ok := p.string()
		if !ok {
			return -1
		}
		t.nodes[i].kind, t.nodes[i].a, t.nodes[i].b = '"', off, n
	case c == '-' || c >= '0' && c <= '9':
		start := p.off
		if !p.number() {
			return -1
		}
		t.nodes[i].kind, t.nodes[i].a, t.nodes[i].b = 'n', int32(start), int32(p.off-start)
	default:
		for _, word := range []struct {
			text string
			kind byte
		}{{"true", 'b'}, {"false", 'b'}, {"null", '0'}} {
			if strings.HasPrefix(p.data[p.off:], word.text) {
				t.nodes[i].kind, t.nodes[i].a, t.nodes[i].b = word.kind, int32(p.off), int32(len(word.text))
				p.off += len(word.text)
				return i
			}
		}
		p.fail("invalid character %s looking for the beginning of a value", p.found())
		return -1
	}
	return i
}

// string parses the string literal at p.off and returns where its value is
// (see jsonTree.text).
func (p *jsonParser) string() (off, n int32, ok bool) {
	data, start := p.data, p.off
	escaped := false
	for i := start + 1; i < len(data); {
		c := data[i]
		if !stringStop[c] { // most bytes: one look-up
			i++
			continue
		}
		switch {
		case c == '"':
			p.off = i + 1
			if !escaped {
				return int32(start + 1), int32(i - start - 1), true
			}
			var s string
			if err := json.Unmarshal([]byte(data[start:i+1]), &s); err != nil {
				p.off = start
				p.fail("invalid string literal")
				return 0, 0, false
			}
			p.t.decoded = append(p.t.decoded, s)
			return -int32(len(p.t.decoded)), 0, true
		case c == '\\':
			escaped = true
			i += 2
		default:
			p.off = i
			p.fail("control character %q in a string", c)
			return 0, 0, false
		}
	}
	p.off = len(data)
	p.fail("")
	return 0, 0, false
}

// stringStop marks the bytes that end, escape or invalidate a run of string
// characters: '"', '\\' and the control characters.
var stringStop = func() (t [256]bool) {
	for c := range 0x20 {
		t[c] = true
	}
	t['"'], t['\\'] = true, true
	return t
}()

// number parses the number literal at p.off, as JSON's grammar defines it.
func (p *jsonParser) number() bool {
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
		return false
	}
	if p.off < len(p.data) && p.data[p.off] == '.' {
		p.off++
		if digits() == 0 {
			p.fail("invalid number")
			return false
		}
	}
	if p.off < len(p.data) && (p.data[p.off] == 'e' || p.data[p.off] == 'E') {
		p.off++
		if p.off < len(p.data) && (p.data[p.off] == '+' || p.data[p.off] == '-') {
			p.off++
		}
		if digits() == 0 {
			p.fail("invalid number")
			return false
		}
	}
	return true
}

func withArticle(s string) string {
	if strings.ContainsRune("aeiou", rune(s[0])) {
		return "an " + s
	}
	return "a " + s
}

// get returns the value of key in an object node, known to be there.
func (n node) get(key string) node {
	v, _ := n.field(key)
	return v
}
