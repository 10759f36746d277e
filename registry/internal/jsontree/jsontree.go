// Package jsontree parses a JSON document into a tree that remembers where
// each value and each object key starts, so that the registry's validator
// can report every problem at file:line:col. An object keeps one member per
// key, the last value given, as JSON.parse does; Parse reports the repeated
// keys.
package jsontree

import (
	"encoding/json"
	"fmt"
	"iter"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Kind is the type of a JSON value. The zero Kind is no value: the Node
// that Field returns for a missing key.
type Kind byte

const (
	None Kind = iota
	Object
	Array
	String
	Number
	Bool
	Null
)

// String names a kind as messages do: "object", "array", "string",
// "number", "boolean", "null".
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

var kindNames = [...]string{None: "none", Object: "object", Array: "array", String: "string", Number: "number", Bool: "boolean", Null: "null"}

// Pos is where a value or key starts: its line and byte column, 1-based
// (columns count bytes, as go/token's do). The zero Pos is unknown.
type Pos struct{ Line, Col int32 }

// Node is a value of a parsed document. The zero Node is no value.
type Node struct {
	t *Tree
	node
}

// Member is a key of an object, where the key starts, and its value.
type Member struct {
	Key   string
	Pos   Pos
	Value Node
}

// Tree is a parsed document. Its nodes and members are flat arrays without
// pointers, which refer to each other by index and to strings by offset into
// data, so that the garbage collector never scans them and building them
// needs no write barriers.
type Tree struct {
	data    string   // the document; strings without escapes are substrings of it
	nodes   []node   // every value, in document order
	members []member // every object's members and array's elements, each node's contiguous
	decoded []string // the values of strings with escapes
}

type node struct {
	pos  Pos
	kind Kind
	// An object's members or an array's elements are members[a:a+b]; a
	// scalar's text (a string's value, a number's or literal's text) is the
	// text a, b (see Tree.text).
	a, b int32
}

// member is a key (the text key, keyLen; none for an array's element), where
// it is, and the index of its value.
type member struct {
	key, keyLen int32
	pos         Pos
	val         int32
}

// text returns the text at off, n: data[off:off+n], or for off < 0 the
// decoded string -off-1.
func (t *Tree) text(off, n int32) string {
	if off < 0 {
		return t.decoded[-off-1]
	}
	return t.data[off : off+n]
}

func (t *Tree) node(i int32) Node { return Node{t, t.nodes[i]} }

func (t *Tree) member(m *member) Member {
	return Member{t.text(m.key, m.keyLen), m.pos, t.node(m.val)}
}

// Kind returns the node's kind: None for no value.
func (n Node) Kind() Kind { return n.kind }

// Pos returns where the value starts.
func (n Node) Pos() Pos { return n.pos }

// Len returns the number of members of an object or elements of an array.
func (n Node) Len() int {
	if n.kind != Object && n.kind != Array {
		return 0
	}
	return int(n.b)
}

// Members returns the members of an object, in the order their keys first
// appear.
func (n Node) Members() iter.Seq[Member] {
	return func(yield func(Member) bool) {
		if n.kind != Object {
			return
		}
		for i := range n.b {
			if !yield(n.t.member(&n.t.members[n.a+i])) {
				return
			}
		}
	}
}

// Elements returns the elements of an array, in order.
func (n Node) Elements() iter.Seq[Node] {
	return func(yield func(Node) bool) {
		if n.kind != Array {
			return
		}
		for i := range n.b {
			if !yield(n.t.node(n.t.members[n.a+i].val)) {
				return
			}
		}
	}
}

// Lookup returns the member key of an object. Registry objects have few
// keys, or keys in an order that makes a map no faster.
func (n Node) Lookup(key string) (Member, bool) {
	if n.kind != Object {
		return Member{}, false
	}
	for i := range n.b {
		if m := &n.t.members[n.a+i]; n.t.text(m.key, m.keyLen) == key {
			return n.t.member(m), true
		}
	}
	return Member{}, false
}

// Field returns the value of key in an object: the zero Node (kind None)
// when there is none.
func (n Node) Field(key string) Node {
	m, _ := n.Lookup(key)
	return m.Value
}

// Text returns a string's value, or a number's or a literal's text ("true",
// "null"); "" for an object or an array.
func (n Node) Text() string {
	switch n.kind {
	case None, Object, Array:
		return ""
	}
	return n.t.text(n.a, n.b)
}

// Float returns a number's value as JavaScript reads it: the nearest
// float64, ±Inf beyond its range; 0 for another kind.
func (n Node) Float() float64 {
	if n.kind != Number {
		return 0
	}
	text := n.Text()
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
		if v >= 0 {
			return float64(v)
		}
	}
	f, _ := strconv.ParseFloat(text, 64) // a range error still gives ±Inf or ±0, as JavaScript does
	return f
}

// Integer returns a number's value and whether Number.isInteger holds for
// it (1.0, 1e3 and 2.55e2 are integers); false for another kind.
func (n Node) Integer() (float64, bool) {
	if n.kind != Number {
		return 0, false
	}
	f := n.Float()
	return f, !math.IsInf(f, 0) && f == math.Trunc(f)
}

// Truthy reports whether JavaScript treats the value as true; no value is
// false.
func (n Node) Truthy() bool {
	switch n.kind {
	case None, Null:
		return false
	case Bool:
		return n.Text() == "true"
	case String:
		return n.Text() != ""
	case Number:
		return n.Float() != 0
	}
	return true
}

// Duplicate is a key given again in an object: the member keeps the value
// given at Pos and the position First of the key's first occurrence.
type Duplicate struct {
	Key        string
	Pos, First Pos
}

// SyntaxError is why a document is not JSON, and where.
type SyntaxError struct {
	Pos Pos // zero for a document too large to parse
	Msg string
}

func (e *SyntaxError) Error() string { return fmt.Sprintf("%d:%d: %s", e.Pos.Line, e.Pos.Col, e.Msg) }

// MaxDepth bounds the nesting of arrays and objects.
const MaxDepth = 1000

// utf8BOM is the byte order mark some editors write at the start of a file.
const utf8BOM = "\uFEFF"

// Parser parses documents, keeping its memory from one document to the
// next: a tree is dead once its document is validated, and the next parse
// reuses its arrays. The zero Parser is ready to use.
type Parser struct {
	nodes   []node
	members []member
	stack   []member
	indexes []map[string]int // the large objects' key indexes (see scanner.object), cleared for reuse
}

// Parse parses data, which it does not copy (strings are substrings of it),
// into a tree valid until p's next Parse. It returns the root, the keys
// repeated in objects in document order, and an error (a *SyntaxError)
// when data is not JSON, with the duplicates seen up to it. A byte order
// mark at the start is skipped, as Node's require does; columns count from
// after it.
func (p *Parser) Parse(data string) (Node, []Duplicate, error) {
	if len(data) > math.MaxInt32 {
		return Node{}, nil, &SyntaxError{Msg: "file larger than 2 GiB"}
	}
	t := &Tree{data: data}
	// Every member has a colon (strings may hold more): one allocation of
	// each array, not a dozen of doublings. Registries hold few arrays.
	colons := strings.Count(data, ":")
	t.nodes = slices.Grow(p.nodes[:0], colons+colons/8+16)
	t.members = slices.Grow(p.members[:0], colons+16)
	s := &scanner{data: data, line: 1, t: t, stack: p.stack[:0], indexes: p.indexes}
	defer func() { p.nodes, p.members, p.stack, p.indexes = t.nodes, t.members, s.stack, s.indexes }()
	if strings.HasPrefix(data, utf8BOM) {
		s.off, s.lineStart = len(utf8BOM), len(utf8BOM)
	}
	s.skipSpace()
	root := s.value(0)
	if s.err == nil {
		s.skipSpace()
		if s.off < len(s.data) {
			s.fail("unexpected data after the top-level value")
		}
	}
	if s.err != nil {
		return Node{}, s.dups, s.err
	}
	return t.node(root), s.dups, nil
}

// Parse parses data with a new Parser.
func Parse(data string) (Node, []Duplicate, error) {
	var p Parser
	return p.Parse(data)
}

// scanner is the state of one parse.
type scanner struct {
	data      string
	off       int
	line      int // line of off
	lineStart int // offset of the first byte of line
	dups      []Duplicate
	err       *SyntaxError // the error that stopped the parse
	t         *Tree
	stack     []member // the members of the objects and arrays being parsed, innermost last
	indexes   []map[string]int
	inUse     int // indexes[:inUse] belong to the large objects being parsed
}

// index returns an empty map for the key index of a large object, reusing
// one that an object already parsed has released (see release): a
// registry's subdomains and their errors are large objects, a thousand in
// 100,000 ids.
func (s *scanner) index() map[string]int {
	if s.inUse == len(s.indexes) {
		s.indexes = append(s.indexes, make(map[string]int, 128))
	} else {
		clear(s.indexes[s.inUse])
	}
	s.inUse++
	return s.indexes[s.inUse-1]
}

// release gives back the innermost index that index returned.
func (s *scanner) release() { s.inUse-- }

// pos is the position of s.off.
func (s *scanner) pos() Pos {
	return Pos{int32(s.line), int32(s.off - s.lineStart + 1)}
}

func (s *scanner) fail(format string, args ...any) {
	if s.err == nil {
		msg := fmt.Sprintf(format, args...)
		if s.off >= len(s.data) {
			msg = "unexpected end of file"
		}
		s.err = &SyntaxError{Pos: s.pos(), Msg: msg}
	}
}

func (s *scanner) skipSpace() {
	data, off := s.data, s.off
	for ; off < len(data); off++ {
		switch data[off] {
		case '\n':
			s.line++
			s.lineStart = off + 1
		case ' ', '\t', '\r':
		default:
			s.off = off
			return
		}
	}
	s.off = off
}

// expect consumes c after optional spaces.
func (s *scanner) expect(c byte) bool {
	s.skipSpace()
	if s.off < len(s.data) && s.data[s.off] == c {
		s.off++
		return true
	}
	s.fail("expected %q, found %s", c, s.found())
	return false
}

func (s *scanner) found() string {
	if s.off >= len(s.data) {
		return "end of file"
	}
	r, _ := utf8.DecodeRuneInString(s.data[s.off:])
	return fmt.Sprintf("%q", r)
}

// value parses the value at s.off (spaces skipped) and returns its index,
// or -1 after a syntax error.
func (s *scanner) value(depth int) int32 {
	if s.off >= len(s.data) {
		s.fail("")
		return -1
	}
	if depth > MaxDepth {
		s.fail("nesting deeper than %d", MaxDepth)
		return -1
	}
	t := s.t
	i := int32(len(t.nodes))
	t.nodes = append(t.nodes, node{pos: s.pos()})
	switch c := s.data[s.off]; {
	case c == '{':
		t.nodes[i].kind = Object
		s.off++
		s.skipSpace()
		if s.off < len(s.data) && s.data[s.off] == '}' {
			s.off++
			return i
		}
		return s.object(i, depth)
	case c == '[':
		t.nodes[i].kind = Array
		s.off++
		s.skipSpace()
		if s.off < len(s.data) && s.data[s.off] == ']' {
			s.off++
			return i
		}
		base := len(s.stack) // the array's elements are s.stack[base:] until it ends
		for {
			s.skipSpace()
			v := s.value(depth + 1)
			if v < 0 {
				return -1
			}
			s.stack = append(s.stack, member{val: v})
			s.skipSpace()
			if s.off < len(s.data) && s.data[s.off] == ',' {
				s.off++
				continue
			}
			s.pop(i, base)
			if !s.expect(']') {
				return -1
			}
			return i
		}
	case c == '"':
		off, n, ok := s.string()
		if !ok {
			return -1
		}
		t.nodes[i].kind, t.nodes[i].a, t.nodes[i].b = String, off, n
	case c == '-' || c >= '0' && c <= '9':
		start := s.off
		if !s.number() {
			return -1
		}
		t.nodes[i].kind, t.nodes[i].a, t.nodes[i].b = Number, int32(start), int32(s.off-start)
	default:
		for _, word := range []struct {
			text string
			kind Kind
		}{{"true", Bool}, {"false", Bool}, {"null", Null}} {
			if strings.HasPrefix(s.data[s.off:], word.text) {
				t.nodes[i].kind, t.nodes[i].a, t.nodes[i].b = word.kind, int32(s.off), int32(len(word.text))
				s.off += len(word.text)
				return i
			}
		}
		s.fail("invalid character %s looking for the beginning of a value", s.found())
		return -1
	}
	return i
}

// object parses the members of the non-empty object node i, its '{'
// consumed.
func (s *scanner) object(i int32, depth int) int32 {
	t := s.t
	var index map[string]int // the members' numbers by key, once the object is large
	base := len(s.stack)     // the object's members are s.stack[base:] until it ends
	for {
		s.skipSpace()
		kpos := s.pos()
		if s.off >= len(s.data) || s.data[s.off] != '"' {
			s.fail("expected a string key, found %s", s.found())
			return -1
		}
		koff, klen, ok := s.string()
		if !ok || !s.expect(':') {
			return -1
		}
		key := t.text(koff, klen)
		s.skipSpace()
		v := s.value(depth + 1)
		if v < 0 {
			return -1
		}
		// Duplicate keys: a scan for small objects, a map for large ones
		// (the errors of a subdomain).
		var prev *member
		if index != nil {
			if k, ok := index[key]; ok {
				prev = &s.stack[base+k]
			}
		} else {
			for i := len(s.stack) - 1; i >= base; i-- {
				if m := &s.stack[i]; t.text(m.key, m.keyLen) == key {
					prev = m
					break
				}
			}
		}
		if prev != nil {
			s.dups = append(s.dups, Duplicate{key, kpos, prev.pos})
			prev.val = v
		} else {
			s.stack = append(s.stack, member{koff, klen, kpos, v})
			switch k := len(s.stack) - base; {
			case index != nil:
				index[key] = k - 1
			case k == 16:
				index = s.index()
				for i, m := range s.stack[base:] {
					index[t.text(m.key, m.keyLen)] = i
				}
			}
		}
		s.skipSpace()
		if s.off < len(s.data) && s.data[s.off] == ',' {
			s.off++
			continue
		}
		if index != nil { // (after a syntax error the scanner is dropped, its indexes with it)
			s.release()
		}
		s.pop(i, base)
		if !s.expect('}') {
			return -1
		}
		return i
	}
}

// pop moves s.stack[base:] to the tree as the members of node i.
func (s *scanner) pop(i int32, base int) {
	t := s.t
	t.nodes[i].a, t.nodes[i].b = int32(len(t.members)), int32(len(s.stack)-base)
	t.members = append(t.members, s.stack[base:]...)
	s.stack = s.stack[:base]
}

// string parses the string literal at s.off and returns where its value is
// (see Tree.text).
func (s *scanner) string() (off, n int32, ok bool) {
	data, start := s.data, s.off
	escaped := false
	for i := start + 1; i < len(data); {
		c := data[i]
		if !stringStop[c] { // most bytes: one look-up
			i++
			continue
		}
		switch {
		case c == '"':
			s.off = i + 1
			if !escaped {
				return int32(start + 1), int32(i - start - 1), true
			}
			var v string
			if err := json.Unmarshal([]byte(data[start:i+1]), &v); err != nil {
				s.off = start
				s.fail("invalid string literal")
				return 0, 0, false
			}
			s.t.decoded = append(s.t.decoded, v)
			return -int32(len(s.t.decoded)), 0, true
		case c == '\\':
			escaped = true
			i += 2
		default:
			s.off = i
			s.fail("control character %q in a string", c)
			return 0, 0, false
		}
	}
	s.off = len(data)
	s.fail("")
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

// number parses the number literal at s.off, as JSON's grammar defines it.
func (s *scanner) number() bool {
	digits := func() int {
		n := 0
		for s.off < len(s.data) && s.data[s.off] >= '0' && s.data[s.off] <= '9' {
			s.off++
			n++
		}
		return n
	}
	if s.data[s.off] == '-' {
		s.off++
	}
	if s.off < len(s.data) && s.data[s.off] == '0' {
		s.off++
	} else if digits() == 0 {
		s.fail("invalid number")
		return false
	}
	if s.off < len(s.data) && s.data[s.off] == '.' {
		s.off++
		if digits() == 0 {
			s.fail("invalid number")
			return false
		}
	}
	if s.off < len(s.data) && (s.data[s.off] == 'e' || s.data[s.off] == 'E') {
		s.off++
		if s.off < len(s.data) && (s.data[s.off] == '+' || s.data[s.off] == '-') {
			s.off++
		}
		if digits() == 0 {
			s.fail("invalid number")
			return false
		}
	}
	return true
}
