package kerror

import (
	"math"
	"strconv"
	"strings"
)

// JSON.stringify, which serialises props and bodies in Kuzzle's error JSON.

// jsonString is util.format's %j: JSON.stringify(v), or "[Circular]" when v
// holds a cycle (where JSON.stringify throws).
func jsonString(v jsValue) string {
	w := jsonWriter{limit: maxMessage}
	w.value(v)
	if w.cycle {
		return circular
	}
	return w.b.String()
}

// stringify is JSON.stringify(v), where it would throw on a cycle writing the
// string "[Circular]" for a reference to an enclosing object or array, and
// past limit bytes "[Truncated]" for the next array or object and nothing
// after it in the same array or object (an error's own fields are always
// written).
func stringify(v jsValue, limit int) string {
	w := jsonWriter{limit: limit}
	w.value(v)
	return w.b.String()
}

type jsonWriter struct {
	b     strings.Builder
	limit int
	cycle bool // a reference to an array or object being written was met
}

func (w *jsonWriter) value(v jsValue) {
	if v.json != nil {
		w.value(*v.json)
		return
	}
	b := &w.b
	switch v.kind {
	case jsNull:
		b.WriteString("null")
	case jsBool:
		b.WriteString(strconv.FormatBool(v.b))
	case jsNumber:
		switch {
		case v.exact != "":
			b.WriteString(v.exact)
		case math.IsNaN(v.num) || math.IsInf(v.num, 0):
			b.WriteString("null")
		default:
			b.WriteString(numberString(v.num))
		}
	case jsString:
		writeJSONString(b, v.str)
	case jsRaw:
		b.WriteString(v.str)
	case jsDate:
		if v.str == "" {
			b.WriteString("null")
		} else {
			writeJSONString(b, v.str)
		}
	case jsArray, jsObject:
		if v.obj.busy {
			w.cycle = true
			writeJSONString(b, circular)
			return
		}
		if b.Len() > w.limit {
			writeJSONString(b, truncated)
			return
		}
		v.obj.busy = true
		defer func() { v.obj.busy = false }()
		if v.kind == jsArray {
			b.WriteByte('[')
			for i, e := range v.obj.elems {
				if i > 0 {
					b.WriteByte(',')
				}
				w.value(e)
				if b.Len() > w.limit && i+1 < len(v.obj.elems) {
					b.WriteByte(',')
					writeJSONString(b, truncated)
					break
				}
			}
			b.WriteByte(']')
			return
		}
		b.WriteByte('{')
		o := v.obj
		for i, k := range o.keys {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJSONString(b, k)
			b.WriteByte(':')
			w.value(o.vals[i])
			if b.Len() > w.limit && i+1 < len(o.keys) && !o.isError {
				b.WriteByte(',')
				writeJSONString(b, o.keys[i+1])
				b.WriteByte(':')
				writeJSONString(b, truncated)
				break
			}
		}
		b.WriteByte('}')
	}
}

// writeJSONString quotes s as JSON.stringify does: only quotes, backslashes
// and control characters are escaped.
func writeJSONString(b *strings.Builder, s string) {
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if r < 0x20 {
				b.WriteString(`\u00`)
				b.WriteString(hex2(byte(r)))
			} else {
				b.WriteRune(r) // an invalid byte is U+FFFD
			}
		}
	}
	b.WriteByte('"')
}
