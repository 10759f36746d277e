package kerror

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
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
	jsRaw // JSON kept as it was read (decoded props and bodies), written verbatim; only MarshalJSON meets it
)

// jsValue is the JavaScript value equivalent to a Go placeholder: what
// Kuzzle's kerror would have received. Formatting (util.format, inspect) and
// JSON (JSON.stringify) work on it, never on the Go value.
type jsValue struct {
	kind  jsKind
	b     bool
	num   float64  // jsNumber; the time value (ms) of a jsDate, NaN when invalid
	exact string   // digits of an integer beyond ±2^53, printed as is
	str   string   // jsString; the ISO form of a valid jsDate
	obj   *jsObj   // jsArray, jsObject: the object itself, shared by every reference to it
	json  *jsValue // what JSON.stringify writes instead, when set (errors, Stringers)
}

// jsObj is a JavaScript array or object. A Go map, slice or *Error referenced
// twice is one jsObj referenced twice, as in JavaScript: values are graphs
// (shared substructure, cycles), as large as the Go value, and the writers
// (inspect, JSON) detect cycles by identity as Node does.
type jsObj struct {
	elems []jsValue // jsArray
	keys  []string  // jsObject, in JavaScript's own-property order
	vals  []jsValue
	// isError marks the object of a *Error (toJSON), whose own fields are
	// written whatever the output bound.
	isError bool
	busy    bool // being written (stringify) or joined (String): a cycle when met again
}

func jsArrayOf(elems []jsValue) jsValue { return jsValue{kind: jsArray, obj: &jsObj{elems: elems}} }

func (v jsValue) elems() []jsValue {
	if v.obj == nil {
		return nil
	}
	return v.obj.elems
}

func (v jsValue) keys() []string {
	if v.obj == nil {
		return nil
	}
	return v.obj.keys
}

var jsNullValue = jsValue{kind: jsNull}

func jsStr(s string) jsValue { return jsValue{kind: jsString, str: s} }

// maxSafeInteger is Number.MAX_SAFE_INTEGER: integers up to it are exact in
// a JavaScript number.
const maxSafeInteger = 1<<53 - 1

// toJS converts a Go value to its JavaScript equivalent (see the package
// documentation for the table).
func toJS(v any) jsValue {
	return newConverter().value(reflect.ValueOf(v), 0)
}

// converter converts one Go value, or the placeholders of one error, each
// reference once.
type converter struct {
	memo map[refKey]jsValue // references converted or being converted
	busy map[refKey]bool    // pointers being followed, against cycles of pointers alone
}

func newConverter() *converter {
	return &converter{memo: map[refKey]jsValue{}, busy: map[refKey]bool{}}
}

// refKey identifies what a map, slice or pointer refers to: two slices are the
// same array when they share their first element, length and type.
type refKey struct {
	typ reflect.Type
	ptr uintptr
	len int
}

func keyOf(v reflect.Value) refKey {
	k := refKey{typ: v.Type(), ptr: v.Pointer()}
	if v.Kind() == reflect.Slice {
		k.len = v.Len()
	}
	return k
}

// maxNesting bounds the nesting of the values converted (and of Decode's
// input): deeper values are the string "[Truncated]".
const maxNesting = 1000

var (
	typeTime      = reflect.TypeFor[time.Time]()
	typeKerror    = reflect.TypeFor[*Error]()
	typeOption    = reflect.TypeFor[Option]()
	typeMarshaler = reflect.TypeFor[json.Marshaler]()
	typeError     = reflect.TypeFor[error]()
	typeStringer  = reflect.TypeFor[fmt.Stringer]()
	typeText      = reflect.TypeFor[encoding.TextMarshaler]()
	typeNumber    = reflect.TypeFor[json.Number]()
)

func (c *converter) value(v reflect.Value, depth int) jsValue {
	if !v.IsValid() {
		return jsNullValue
	}
	if depth > maxNesting {
		return jsStr(truncated)
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
		return jsValue{kind: jsObject, obj: &jsObj{keys: []string{"message"}, vals: []jsValue{jsStr(o.message)}}}
	case t == typeTime:
		return jsDateOf(v.Interface().(time.Time))
	case t == typeNumber:
		return jsonNumber(v.Interface().(json.Number))
	case t == typeKerror:
		e := v.Interface().(*Error)
		s := jsStr(e.Message)
		obj := c.errorObject(e, depth+1)
		s.json = &obj
		return s
	}
	if k := v.Kind(); k == reflect.Pointer && v.Elem().Kind() != reflect.Map && v.Elem().Kind() != reflect.Slice {
		// A pointer to a map or slice is that object, whose own identity
		// detects cycles; other pointers are followed once at a time.
		k := keyOf(v)
		if r, ok := c.memo[k]; ok {
			return r
		}
		if c.busy[k] {
			return jsStr(circular) // pointers to pointers, back to the first
		}
		c.busy[k] = true
		r := c.methods(v, depth)
		delete(c.busy, k)
		c.memo[k] = r
		return r
	}
	return c.methods(v, depth)
}

// methods converts v by the methods of its type, or by its kind.
func (c *converter) methods(v reflect.Value, depth int) jsValue {
	t := v.Type()
	if t.Implements(typeMarshaler) {
		return c.marshaled(v)
	}
	if t.Implements(typeError) {
		return jsStr(call(v, "Error", func() string { return v.Interface().(error).Error() }))
	}
	if t.Implements(typeStringer) {
		s := jsStr(call(v, "String", func() string { return v.Interface().(fmt.Stringer).String() }))
		j := c.plain(v, depth)
		s.json = &j
		return s
	}
	return c.plain(v, depth)
}

// call returns m(), or when it panics what fmt prints for a panicking method
// (%!v(PANIC=String method: ...)): a placeholder never lets a panic escape.
func call(v reflect.Value, method string, m func() string) (s string) {
	defer func() {
		if r := recover(); r != nil {
			s = panicText(method, r)
		}
	}()
	return m()
}

// panicText is fmt's text for a method that panicked with r.
func panicText(method string, r any) string {
	return "%!v(PANIC=" + method + " method: " + sprint(reflect.ValueOf(r)) + ")" // r may hold a cycle too
}

// plain converts v by its kind, ignoring the methods of its type.
func (c *converter) plain(v reflect.Value, depth int) jsValue {
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
		k := keyOf(v)
		if r, ok := c.memo[k]; ok {
			return r
		}
		out := jsArrayOf(make([]jsValue, v.Len()))
		c.memo[k] = out
		c.fill(out.obj, v, depth)
		return out
	case reflect.Array:
		out := jsArrayOf(make([]jsValue, v.Len()))
		c.fill(out.obj, v, depth)
		return out
	case reflect.Map:
		k := keyOf(v)
		if r, ok := c.memo[k]; ok {
			return r
		}
		out := jsValue{kind: jsObject, obj: &jsObj{}}
		c.memo[k] = out
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
		o := out.obj
		o.keys = keys
		o.vals = make([]jsValue, len(keys))
		for i, k := range keys {
			o.vals[i] = vals[k]
		}
		o.orderKeys()
		return out
	case reflect.Pointer:
		return c.value(v.Elem(), depth+1)
	case reflect.Struct:
		return c.marshaled(v)
	}
	// Complex numbers, functions, channels: no JavaScript equivalent.
	return jsStr(fmt.Sprint(v.Interface()))
}

// fill converts the elements of a slice or array into o.
func (c *converter) fill(o *jsObj, v reflect.Value, depth int) {
	for i := range o.elems {
		o.elems[i] = c.value(v.Index(i), depth+1)
	}
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
		if b, ok := marshalText(k); ok {
			return string(b)
		}
	}
	switch k.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(k.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return strconv.FormatUint(k.Uint(), 10)
	}
	return fmt.Sprint(k.Interface()) // a key holds no map or slice: fmt's text is bounded
}

// marshalText calls MarshalText; ok is false when it fails or panics.
func marshalText(k reflect.Value) (b []byte, ok bool) {
	defer func() {
		if recover() != nil {
			b, ok = nil, false
		}
	}()
	b, err := k.Interface().(encoding.TextMarshaler).MarshalText()
	return b, err == nil
}

// marshaled converts v through encoding/json (structs, json.Marshaler
// values): the JavaScript value JSON.parse would make of its JSON. A value
// encoding/json rejects (or whose MarshalJSON panics) becomes its %v text.
// encoding/json expands shared values and reports cycles only after 1000
// levels, so what it would walk is measured first (scan): a cycle is
// "[Circular]", a value whose JSON would exceed maxJSON is "[Truncated]".
func (c *converter) marshaled(v reflect.Value) jsValue {
	if problem := scan(v, scanJSON, maxJSON); problem != "" {
		return jsStr(problem)
	}
	data, err := marshalJSON(v.Interface())
	if err != nil {
		return jsStr(sprint(v))
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	out, err := decodeJS(dec, 0)
	if err != nil {
		return jsStr(sprint(v))
	}
	return out
}

// marshalJSON is json.Marshal, with a panic (of a MarshalJSON or MarshalText
// method) returned as an error.
func marshalJSON(x any) (data []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			data, err = nil, errors.New("json: a method panicked")
		}
	}()
	return json.Marshal(x)
}

// sprint is fmt.Sprint(v) (fmt recovers panicking methods itself), or
// "[Circular]" / "[Truncated]" when what fmt would walk holds a cycle or
// prints more than maxMessage.
func sprint(v reflect.Value) string {
	if !v.IsValid() {
		return "<nil>"
	}
	if problem := scan(v, scanFmt, maxMessage); problem != "" {
		return problem
	}
	return fmt.Sprint(v.Interface())
}

// decodeJS reads one JSON value as JSON.parse does, keeping the order of
// object keys (the value of a repeated key is the last one, at the first
// one's place); nesting beyond maxNesting is an error.
func decodeJS(dec *json.Decoder, depth int) (jsValue, error) {
	if depth > maxNesting {
		return jsValue{}, fmt.Errorf("JSON nested more than %d levels", maxNesting)
	}
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
		return jsNumberOf(string(t)), nil
	case json.Delim:
		if t == '[' {
			out := jsArrayOf([]jsValue{})
			for dec.More() {
				e, err := decodeJS(dec, depth+1)
				if err != nil {
					return jsValue{}, err
				}
				out.obj.elems = append(out.obj.elems, e)
			}
			_, err := dec.Token()
			return out, err
		}
		out := jsValue{kind: jsObject, obj: &jsObj{}}
		o := out.obj
		index := map[string]int{}
		for dec.More() {
			kt, err := dec.Token()
			if err != nil {
				return jsValue{}, err
			}
			k, _ := kt.(string)
			val, err := decodeJS(dec, depth+1)
			if err != nil {
				return jsValue{}, err
			}
			if i, ok := index[k]; ok {
				o.vals[i] = val
				continue
			}
			index[k] = len(o.keys)
			o.keys = append(o.keys, k)
			o.vals = append(o.vals, val)
		}
		_, err := dec.Token()
		o.orderKeys()
		return out, err
	}
	return jsValue{}, fmt.Errorf("unexpected JSON token %v", tok)
}

// jsNumberOf is the number a JSON number literal stands for (integers beyond
// ±2^53 keep their digits).
func jsNumberOf(lit string) jsValue {
	if n, err := strconv.ParseInt(lit, 10, 64); err == nil {
		return jsInt(n)
	}
	if n, err := strconv.ParseUint(lit, 10, 64); err == nil {
		return jsValue{kind: jsNumber, num: float64(n), exact: strconv.FormatUint(n, 10)}
	}
	f, _ := strconv.ParseFloat(lit, 64)
	return jsValue{kind: jsNumber, num: f}
}

// orderKeys puts an object's keys in JavaScript's own-property order: array
// indices first, ascending, then the other keys in insertion order.
func (o *jsObj) orderKeys() {
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
		return jsValue{kind: jsNumber, num: float64(len(o.elems()))}, true
	case jsString:
		return jsValue{kind: jsNumber, num: float64(utf16Len(o.str))}, true
	case jsObject:
		for i, k := range o.keys() {
			if k == "length" {
				return o.obj.vals[i], true
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
