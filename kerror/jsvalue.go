package kerror

import (
	"bytes"
	"encoding"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"time"
)

// jsKind is the JavaScript type a Go value stands for when Kuzzle's
// semantics are applied to it.
type jsKind uint8

const (
	jsNull jsKind = iota
	jsBool
	jsNumber
	jsString
	jsArray
	jsObject
	jsDate
)

// jsValue is the JavaScript value equivalent to a Go placeholder: what
// Kuzzle's kerror would have received. Formatting (util.format, inspect) and
// JSON (JSON.stringify) work on it, never on the Go value.
type jsValue struct {
	kind  jsKind
	b     bool
	num   float64 // jsNumber; the time value (ms) of a jsDate, NaN when invalid
	exact string  // digits of an integer beyond ±2^53, printed as is
	str   string  // jsString; the ISO form of a valid jsDate
	elems []jsValue
	keys  []string // jsObject, in JavaScript's own-property order
	vals  []jsValue
	json  *jsValue // what JSON.stringify writes instead, when set (errors, Stringers)
}

var jsNullValue = jsValue{kind: jsNull}

func jsStr(s string) jsValue { return jsValue{kind: jsString, str: s} }

// maxSafeInteger is Number.MAX_SAFE_INTEGER: integers up to it are exact in
// a JavaScript number.
const maxSafeInteger = 1<<53 - 1

// toJS converts a Go value to its JavaScript equivalent (see the package
// documentation for the table).
func toJS(v any) jsValue {
	c := converter{seen: map[uintptr]bool{}}
	return c.value(reflect.ValueOf(v), 0)
}

type converter struct {
	seen map[uintptr]bool // pointers being converted, against cycles
}

// maxNesting bounds the conversion of deep or self-referencing values.
const maxNesting = 64

var (
	typeTime      = reflect.TypeFor[time.Time]()
	typeKerror    = reflect.TypeFor[*Error]()
	typeOption    = reflect.TypeFor[Option]()
	typeMarshaler = reflect.TypeFor[json.Marshaler]()
	typeError     = reflect.TypeFor[error]()
	typeStringer  = reflect.TypeFor[fmt.Stringer]()
	typeText      = reflect.TypeFor[encoding.TextMarshaler]()
)

func (c converter) value(v reflect.Value, depth int) jsValue {
	if !v.IsValid() {
		return jsNullValue
	}
	if depth > maxNesting {
		return jsStr("[Circular]")
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface, reflect.Map, reflect.Slice, reflect.Func, reflect.Chan:
		if v.IsNil() && v.Kind() != reflect.Map && v.Kind() != reflect.Slice {
			return jsNullValue
		}
	}
	if v.Kind() == reflect.Interface {
		return c.value(v.Elem(), depth)
	}
	t := v.Type()
	switch {
	case t == typeOption:
		o := v.Interface().(Option)
		return jsValue{kind: jsObject, keys: []string{"message"}, vals: []jsValue{jsStr(o.message)}}
	case t == typeTime:
		return jsDateOf(v.Interface().(time.Time))
	case t == typeKerror:
		e := v.Interface().(*Error)
		obj := e.jsObject(c, depth+1)
		s := jsStr(e.Message)
		s.json = &obj
		return s
	}
	if v.Kind() == reflect.Pointer {
		p := v.Pointer()
		if c.seen[p] {
			return jsStr("[Circular]")
		}
		c.seen[p] = true
		defer delete(c.seen, p)
	}
	if t.Implements(typeMarshaler) {
		return c.marshaled(v)
	}
	if t.Implements(typeError) {
		return jsStr(v.Interface().(error).Error())
	}
	if t.Implements(typeStringer) {
		s := jsStr(v.Interface().(fmt.Stringer).String())
		j := c.plain(v, depth)
		s.json = &j
		return s
	}
	return c.plain(v, depth)
}

// plain converts v by its kind, ignoring the methods of its type.
func (c converter) plain(v reflect.Value, depth int) jsValue {
	switch v.Kind() {
	case reflect.Bool:
		return jsValue{kind: jsBool, b: v.Bool()}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return jsInt(v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		n := v.Uint()
		if n <= maxSafeInteger {
			return jsValue{kind: jsNumber, num: float64(n)}
		}
		return jsValue{kind: jsNumber, num: float64(n), exact: strconv.FormatUint(n, 10)}
	case reflect.Float32:
		f := v.Float()
		if math.IsNaN(f) || math.IsInf(f, 0) || f == 0 {
			return jsValue{kind: jsNumber, num: f}
		}
		// The JavaScript number written with the float32's shortest digits.
		g, _ := strconv.ParseFloat(strconv.FormatFloat(f, 'g', -1, 32), 64)
		return jsValue{kind: jsNumber, num: g}
	case reflect.Float64:
		return jsValue{kind: jsNumber, num: v.Float()}
	case reflect.String:
		return jsStr(v.String())
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return jsStr(string(v.Bytes()))
		}
		fallthrough
	case reflect.Array:
		out := jsValue{kind: jsArray, elems: make([]jsValue, v.Len())}
		for i := range out.elems {
			out.elems[i] = c.value(v.Index(i), depth+1)
		}
		return out
	case reflect.Map:
		keys := make([]string, 0, v.Len())
		vals := map[string]jsValue{}
		it := v.MapRange()
		for it.Next() {
			k := mapKey(it.Key())
			if _, dup := vals[k]; !dup {
				keys = append(keys, k)
			}
			vals[k] = c.value(it.Value(), depth+1)
		}
		slices.Sort(keys)
		out := jsValue{kind: jsObject}
		for _, k := range keys {
			out.keys = append(out.keys, k)
			out.vals = append(out.vals, vals[k])
		}
		out.orderKeys()
		return out
	case reflect.Pointer:
		return c.value(v.Elem(), depth+1)
	case reflect.Struct:
		return c.marshaled(v)
	}
	// Complex numbers, functions, channels: no JavaScript equivalent.
	return jsStr(fmt.Sprint(v.Interface()))
}

func jsInt(n int64) jsValue {
	if n >= -maxSafeInteger && n <= maxSafeInteger {
		return jsValue{kind: jsNumber, num: float64(n)}
	}
	return jsValue{kind: jsNumber, num: float64(n), exact: strconv.FormatInt(n, 10)}
}

// mapKey is the property name a map key becomes, as encoding/json names it.
func mapKey(k reflect.Value) string {
	if k.Kind() == reflect.String {
		return k.String()
	}
	if k.Type().Implements(typeText) {
		if b, err := k.Interface().(encoding.TextMarshaler).MarshalText(); err == nil {
			return string(b)
		}
	}
	switch k.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(k.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return strconv.FormatUint(k.Uint(), 10)
	}
	return fmt.Sprint(k.Interface())
}

// marshaled converts v through encoding/json (structs, json.Marshaler
// values): the JavaScript value JSON.parse would make of its JSON. A value
// encoding/json rejects becomes its %v text.
func (c converter) marshaled(v reflect.Value) jsValue {
	data, err := json.Marshal(v.Interface())
	if err != nil {
		return jsStr(fmt.Sprint(v.Interface()))
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	out, err := decodeJS(dec)
	if err != nil {
		return jsStr(fmt.Sprint(v.Interface()))
	}
	return out
}

// decodeJS reads one JSON value as JSON.parse does, keeping the order of
// object keys (the value of a repeated key is the last one, at the first
// one's place).
func decodeJS(dec *json.Decoder) (jsValue, error) {
	tok, err := dec.Token()
	if err != nil {
		return jsValue{}, err
	}
	switch t := tok.(type) {
	case nil:
		return jsNullValue, nil
	case bool:
		return jsValue{kind: jsBool, b: t}, nil
	case string:
		return jsStr(t), nil
	case json.Number:
		if n, err := strconv.ParseInt(string(t), 10, 64); err == nil {
			return jsInt(n), nil
		}
		if n, err := strconv.ParseUint(string(t), 10, 64); err == nil {
			return jsValue{kind: jsNumber, num: float64(n), exact: strconv.FormatUint(n, 10)}, nil
		}
		f, _ := strconv.ParseFloat(string(t), 64)
		return jsValue{kind: jsNumber, num: f}, nil
	case json.Delim:
		if t == '[' {
			out := jsValue{kind: jsArray, elems: []jsValue{}}
			for dec.More() {
				e, err := decodeJS(dec)
				if err != nil {
					return jsValue{}, err
				}
				out.elems = append(out.elems, e)
			}
			_, err := dec.Token()
			return out, err
		}
		out := jsValue{kind: jsObject}
		index := map[string]int{}
		for dec.More() {
			kt, err := dec.Token()
			if err != nil {
				return jsValue{}, err
			}
			k, _ := kt.(string)
			val, err := decodeJS(dec)
			if err != nil {
				return jsValue{}, err
			}
			if i, ok := index[k]; ok {
				out.vals[i] = val
				continue
			}
			index[k] = len(out.keys)
			out.keys = append(out.keys, k)
			out.vals = append(out.vals, val)
		}
		_, err := dec.Token()
		out.orderKeys()
		return out, err
	}
	return jsValue{}, fmt.Errorf("unexpected JSON token %v", tok)
}

// orderKeys puts an object's keys in JavaScript's own-property order: array
// indices first, ascending, then the other keys in insertion order.
func (o *jsValue) orderKeys() {
	type kv struct {
		k     string
		v     jsValue
		index uint64
		isIdx bool
	}
	kvs := make([]kv, len(o.keys))
	anyIdx := false
	for i, k := range o.keys {
		n, ok := arrayIndex(k)
		kvs[i] = kv{k, o.vals[i], n, ok}
		anyIdx = anyIdx || ok
	}
	if !anyIdx {
		return
	}
	slices.SortStableFunc(kvs, func(a, b kv) int {
		switch {
		case a.isIdx && b.isIdx:
			if a.index < b.index {
				return -1
			}
			return 1
		case a.isIdx:
			return -1
		case b.isIdx:
			return 1
		}
		return 0
	})
	for i, e := range kvs {
		o.keys[i], o.vals[i] = e.k, e.v
	}
}

// arrayIndex reports whether k is a canonical array index (0 to 2^32-2).
func arrayIndex(k string) (uint64, bool) {
	if k == "" || len(k) > 10 || (len(k) > 1 && k[0] == '0') {
		return 0, false
	}
	n, err := strconv.ParseUint(k, 10, 64)
	if err != nil || n > 1<<32-2 {
		return 0, false
	}
	return n, true
}

// jsDateOf is the JavaScript Date of t (millisecond precision); outside
// Date's range (±8.64e15 ms) it is an invalid date.
func jsDateOf(t time.Time) jsValue {
	if t.Before(time.UnixMilli(-8.64e15)) || t.After(time.UnixMilli(8.64e15)) {
		return jsValue{kind: jsDate, num: math.NaN()}
	}
	ms := t.UnixMilli()
	u := time.UnixMilli(ms).UTC() // UnixMilli rounds towards -∞, as Date does
	year := u.Year()
	var y string
	switch {
	case year >= 0 && year <= 9999:
		y = fmt.Sprintf("%04d", year)
	case year < 0:
		y = fmt.Sprintf("-%06d", -year)
	default:
		y = fmt.Sprintf("+%06d", year)
	}
	s := y + u.Format("-01-02T15:04:05.000Z")
	return jsValue{kind: jsDate, str: s, num: float64(ms)}
}

// utf16Len is the JavaScript length of s (UTF-16 code units; an invalid
// UTF-8 byte counts as one U+FFFD).
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// length is body.length as Kuzzle reads it for count; ok is false when it
// is undefined.
func (o jsValue) length() (jsValue, bool) {
	switch o.kind {
	case jsArray:
		return jsValue{kind: jsNumber, num: float64(len(o.elems))}, true
	case jsString:
		return jsValue{kind: jsNumber, num: float64(utf16Len(o.str))}, true
	case jsObject:
		for i, k := range o.keys {
			if k == "length" {
				return o.vals[i], true
			}
		}
	}
	return jsValue{}, false
}

// isIdentifier is Node's keyStrRegExp: keys inspect writes without quotes.
func isIdentifier(k string) bool {
	if k == "" {
		return false
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}
