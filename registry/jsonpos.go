package registry

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
)

// jsonNode is a parsed JSON value that remembers where it starts, so that
// every problem in a registry file can be reported at file:line:col.
type jsonNode struct {
	pos   Position
	kind  byte // '{', '[', '"', 'n' (number), 'b' (bool), '0' (null)
	str   string
	num   json.Number
	keys  []string
	kpos  []Position
	vals  []*jsonNode
	elems []*jsonNode
}

func (n *jsonNode) kindName() string {
	switch n.kind {
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
	for i, k := range n.keys {
		if k == key {
			return n.vals[i], true
		}
	}
	return nil, false
}

// lineIndex converts byte offsets into line:col positions.
type lineIndex struct {
	file   string
	starts []int
}

func newLineIndex(file string, data []byte) *lineIndex {
	li := &lineIndex{file: file, starts: []int{0}}
	for i, c := range data {
		if c == '\n' {
			li.starts = append(li.starts, i+1)
		}
	}
	return li
}

func (li *lineIndex) pos(off int) Position {
	line := sort.Search(len(li.starts), func(i int) bool { return li.starts[i] > off }) - 1
	return Position{File: li.file, Line: line + 1, Col: off - li.starts[line] + 1}
}

// parseJSON parses data into a position-aware tree. Duplicate object keys are
// reported as problems (JSON.parse would silently keep the last one).
func parseJSON(file string, data []byte) (*jsonNode, Problems) {
	li := newLineIndex(file, data)
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	p := &jsonParser{dec: dec, data: data, li: li}
	root, err := p.value()
	if err == nil {
		if _, err2 := dec.Token(); err2 != io.EOF {
			err = p.errorf(p.next(), "unexpected data after the top-level value")
		}
	}
	if err != nil {
		return nil, append(p.problems, p.asProblem(err))
	}
	return root, p.problems
}

type jsonParser struct {
	dec      *json.Decoder
	data     []byte
	li       *lineIndex
	problems Problems
}

type posError struct {
	off int
	msg string
}

func (e *posError) Error() string { return e.msg }

func (p *jsonParser) errorf(off int, format string, args ...any) error {
	return &posError{off, fmt.Sprintf(format, args...)}
}

func (p *jsonParser) asProblem(err error) Problem {
	var pe *posError
	var se *json.SyntaxError
	switch {
	case errors.As(err, &pe):
		return Problem{p.li.pos(pe.off), pe.msg}
	case errors.As(err, &se):
		return Problem{p.li.pos(max(int(se.Offset)-1, 0)), "invalid JSON: " + se.Error()}
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return Problem{p.li.pos(len(p.data)), "invalid JSON: unexpected end of file"}
	}
	return Problem{p.li.pos(p.next()), "invalid JSON: " + err.Error()}
}

// next returns the offset of the next token: the decoder's offset past the
// separators between tokens.
func (p *jsonParser) next() int {
	off := int(p.dec.InputOffset())
	for off < len(p.data) {
		switch p.data[off] {
		case ' ', '\t', '\n', '\r', ':', ',':
			off++
			continue
		}
		break
	}
	return off
}

func (p *jsonParser) value() (*jsonNode, error) {
	off := p.next()
	tok, err := p.dec.Token()
	if err != nil {
		return nil, err
	}
	n := &jsonNode{pos: p.li.pos(off)}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			n.kind = '{'
			seen := map[string]Position{}
			for p.dec.More() {
				koff := p.next()
				ktok, err := p.dec.Token()
				if err != nil {
					return nil, err
				}
				key, _ := ktok.(string)
				kpos := p.li.pos(koff)
				v, err := p.value()
				if err != nil {
					return nil, err
				}
				if prev, dup := seen[key]; dup {
					p.problems = append(p.problems, Problem{kpos, fmt.Sprintf("duplicate key %q (first at %s)", key, prev)})
					continue
				}
				seen[key] = kpos
				n.keys, n.kpos, n.vals = append(n.keys, key), append(n.kpos, kpos), append(n.vals, v)
			}
		case '[':
			n.kind = '['
			for p.dec.More() {
				v, err := p.value()
				if err != nil {
					return nil, err
				}
				n.elems = append(n.elems, v)
			}
		default:
			return nil, p.errorf(off, "invalid JSON: unexpected %q", t)
		}
		if _, err := p.dec.Token(); err != nil { // closing delimiter
			return nil, err
		}
	case string:
		n.kind, n.str = '"', t
	case json.Number:
		n.kind, n.num = 'n', t
	case bool:
		n.kind = 'b'
	case nil:
		n.kind = '0'
	}
	return n, nil
}
