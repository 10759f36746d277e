package kerror

import (
	"math"
	"strconv"
	"strings"
)

// JSON.stringify, which serialises props and bodies in Kuzzle's error JSON.

// jsonString is JSON.stringify(v).
func jsonString(v jsValue) string {
	var b strings.Builder
	writeJSON(&b, v)
	return b.String()
}

func writeJSON(b *strings.Builder, v jsValue) {
	if v.json != nil {
		writeJSON(b, *v.json)
		return
	}
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
	case jsDate:
		if v.str == "" {
			b.WriteString("null")
		} else {
			writeJSONString(b, v.str)
		}
	case jsArray:
		b.WriteByte('[')
		for i, e := range v.elems {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJSON(b, e)
		}
		b.WriteByte(']')
	case jsObject:
		b.WriteByte('{')
		for i, k := range v.keys {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJSONString(b, k)
			b.WriteByte(':')
			writeJSON(b, v.vals[i])
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
