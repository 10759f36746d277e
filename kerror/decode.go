package kerror

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"slices"
	"strconv"
)

// Decoding: a Go client of Kuzzle reads the error JSON Kuzzle sends (an
// error's toJSON(), alone as an HTTP error body or as the "error" member of
// a response) back into an *Error, to compare its id with Is.

// maxDecode bounds the JSON Decode and UnmarshalJSON read (nesting is bounded
// by maxNesting): the bound of what MarshalJSON writes, so that whatever they
// read is written back whole.
const maxDecode = maxJSON

// Decode reads an error JSON Kuzzle wrote: an error object (its toJSON(), as
// an HTTP error body) or a Kuzzle response whose "error" member holds one.
// The class comes from the registry in use, by id ("" for an id it does not
// hold); every other field is the JSON's. See (*Error).UnmarshalJSON. Input
// beyond 16 MiB, or nested deeper than 1000 levels, is an error.
func Decode(data []byte) (*Error, error) {
	members, err := readObject(data)
	if err != nil {
		return nil, fmt.Errorf("kerror: Decode: %w", err)
	}
	if raw, ok := members.get("error"); ok && !members.has("message") && !members.has("id") {
		// A response: {"action": ..., "error": {...}, "status": ...}.
		if string(raw) == "null" {
			return nil, errors.New("kerror: Decode: the response holds no error")
		}
		if members, err = readObject(raw); err != nil {
			return nil, fmt.Errorf("kerror: Decode: error: %w", err)
		}
	}
	e := new(Error)
	if err := e.decode(members); err != nil {
		return nil, fmt.Errorf("kerror: Decode: %w", err)
	}
	return e, nil
}

var _ json.Unmarshaler = (*Error)(nil)

// UnmarshalJSON reads an error object as Kuzzle writes it, in production
// mode (no stack) or development mode (a stack), with the fields its
// constructor leaves undefined absent (a native error made an InternalError:
// no id, code or props) and the body of a PartialError or
// MultipleErrorsError; the code is a signed 32-bit number (an unsigned one is
// read too). The class comes from the registry in use by id. Props and the
// body hold the JSON's values: strings, booleans, nil, json.Number, and
// json.RawMessage for arrays and objects (their key order is part of the
// value). The error remembers the JSON's layout, so that MarshalJSON writes
// the same bytes for what JSON.stringify wrote (lone surrogates aside):
// members in the same order, absent ones absent (written after the others
// once set), members it does not know kept as they were. Null reads as
// nothing ("null" leaves e as it is).
func (e *Error) UnmarshalJSON(data []byte) error {
	if string(bytes.TrimSpace(data)) == "null" {
		return nil
	}
	members, err := readObject(data)
	if err != nil {
		return fmt.Errorf("kerror: %w", err)
	}
	var d Error
	if err := d.decode(members); err != nil {
		return fmt.Errorf("kerror: %w", err)
	}
	*e = d
	return nil
}

// member is one member of a decoded error object, in the JSON's order; raw
// is set for a member kept as it was (unknown, or a value of another type
// than Kuzzle writes there, such as null).
type member struct {
	key string
	raw json.RawMessage
}

type members struct {
	keys []string
	vals map[string]json.RawMessage
}

func (m members) get(k string) (json.RawMessage, bool) { v, ok := m.vals[k]; return v, ok }
func (m members) has(k string) bool                    { _, ok := m.vals[k]; return ok }

// readObject reads a JSON object's members in order (a repeated key keeps
// its first place and its last value, as JSON.parse), within the bounds.
func readObject(data []byte) (members, error) {
	if len(data) > maxDecode {
		return members{}, fmt.Errorf("error JSON of %d bytes, more than %d", len(data), maxDecode)
	}
	if depth := nesting(data); depth > maxNesting {
		return members{}, fmt.Errorf("error JSON nested more than %d levels", maxNesting)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	tok, err := dec.Token()
	if err != nil {
		return members{}, err
	}
	if tok != json.Delim('{') {
		return members{}, fmt.Errorf("want an error object, got %s", jsonKind(tok))
	}
	m := members{vals: map[string]json.RawMessage{}}
	for dec.More() {
		kt, err := dec.Token()
		if err != nil {
			return members{}, err
		}
		k := kt.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return members{}, err
		}
		if !m.has(k) {
			m.keys = append(m.keys, k)
		}
		m.vals[k] = raw
	}
	if _, err := dec.Token(); err != nil {
		return members{}, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return members{}, errors.New("data after the error object")
	}
	return m, nil
}

// nesting is the deepest nesting of arrays and objects in data (strings
// skipped), read in one pass before any parsing.
func nesting(data []byte) int {
	depth, deepest := 0, 0
	inString := false
	for i := 0; i < len(data); i++ {
		c := data[i]
		switch {
		case inString:
			if c == '\\' {
				i++
			} else if c == '"' {
				inString = false
			}
		case c == '"':
			inString = true
		case c == '[' || c == '{':
			depth++
			deepest = max(deepest, depth)
		case c == ']' || c == '}':
			depth--
		}
	}
	return deepest
}

func jsonKind(tok json.Token) string {
	switch tok.(type) {
	case json.Delim:
		return "an array"
	case string:
		return "a string"
	case nil:
		return "null"
	case bool:
		return "a boolean"
	}
	return "a number"
}

// decode fills e from the members of an error object.
func (e *Error) decode(m members) error {
	e.wire = make([]member, 0, len(m.keys))
	for _, k := range m.keys {
		raw := m.vals[k]
		keep, err := e.decodeMember(k, raw)
		if err != nil {
			return fmt.Errorf("%q: %w", k, err)
		}
		mb := member{key: k}
		if keep {
			var b bytes.Buffer
			if err := json.Compact(&b, raw); err != nil {
				return err
			}
			mb.raw = b.Bytes()
		}
		e.wire = append(e.wire, mb)
	}
	if entry, ok := load().lookup(e.ID); ok && e.ID != "" {
		e.Class = Class(entry.Class)
	}
	return nil
}

// decodeMember sets the field of member k; keep is true when the member is
// kept as it is instead (unknown, or null).
func (e *Error) decodeMember(k string, raw json.RawMessage) (keep bool, err error) {
	if string(raw) == "null" {
		return true, nil
	}
	switch k {
	default:
		return true, nil
	case "id":
		return false, json.Unmarshal(raw, &e.ID)
	case "message":
		return false, json.Unmarshal(raw, &e.Message)
	case "stack":
		return false, json.Unmarshal(raw, &e.Stack)
	case "code":
		n, err := integer(raw)
		if err != nil || n < math.MinInt32 || n > math.MaxUint32 {
			return false, fmt.Errorf("want a 32-bit integer, got %s", raw)
		}
		e.Code = uint32(n)
	case "status":
		n, err := integer(raw)
		if err != nil || n < math.MinInt32 || n > math.MaxInt32 {
			return false, fmt.Errorf("want an integer, got %s", raw)
		}
		e.Status = int(n)
	case "props":
		var elems []json.RawMessage
		if err := json.Unmarshal(raw, &elems); err != nil {
			return false, fmt.Errorf("want an array, got %.40s", raw)
		}
		e.Props = make([]any, len(elems))
		for i, el := range elems {
			if e.Props[i], err = jsonValue(el); err != nil {
				return false, err
			}
		}
	case "errors":
		if e.Errors, err = jsonValue(raw); err != nil {
			return false, err
		}
	case "count":
		n, err := integer(raw)
		if err != nil || n < math.MinInt32 || n > math.MaxInt32 {
			return true, nil // a body's length that is not an integer: kept as it is
		}
		e.Count = int(n)
	}
	return false, nil
}

// integer reads a JSON number that is an integer (1e3 and 1.0 included).
func integer(raw json.RawMessage) (int64, error) {
	if len(raw) == 0 || raw[0] != '-' && (raw[0] < '0' || raw[0] > '9') {
		return 0, errors.New("not a number") // json.Number also reads "1"
	}
	var n json.Number
	if err := json.Unmarshal(raw, &n); err != nil {
		return 0, err
	}
	if i, err := n.Int64(); err == nil {
		return i, nil
	}
	f, err := n.Float64()
	if err != nil || f != math.Trunc(f) || math.Abs(f) > 1<<53 {
		return 0, fmt.Errorf("not an integer: %s", n)
	}
	return int64(f), nil
}

// jsonValue is the Go value a decoded prop or body holds: a string, bool,
// nil or json.Number, or the json.RawMessage of an array or object.
func jsonValue(raw json.RawMessage) (any, error) {
	var b bytes.Buffer
	if err := json.Compact(&b, raw); err != nil {
		return nil, err
	}
	switch c := b.Bytes()[0]; {
	case c == '[' || c == '{':
		return json.RawMessage(b.Bytes()), nil
	case c == '"':
		var s string
		err := json.Unmarshal(raw, &s)
		return s, err
	case c == 't' || c == 'f':
		return c == 't', nil
	case c == 'n':
		return nil, nil
	}
	return json.Number(b.String()), nil
}

// decodedObject is the object MarshalJSON writes for a decoded error: its
// members in the JSON's order with the fields' current values, then the
// fields the JSON lacked that are now set, in toJSON()'s order.
func (c *converter) decodedObject(e *Error, o *jsObj, depth int) {
	add := func(k string, v jsValue) { o.keys, o.vals = append(o.keys, k), append(o.vals, v) }
	fields := [...]string{"code", "id", "message", "props", "stack", "status", "errors", "count"}
	var present [len(fields)]bool
	for _, m := range e.wire {
		if i := slices.Index(fields[:], m.key); i >= 0 {
			present[i] = true
		}
		if m.raw != nil {
			add(m.key, jsValue{kind: jsRaw, str: string(m.raw)})
			continue
		}
		add(m.key, c.field(e, m.key, depth))
	}
	for i, k := range fields {
		if !present[i] && e.isSet(k) {
			add(k, c.field(e, k, depth))
		}
	}
}

// isSet reports whether field k of a decoded error holds a value to write.
func (e *Error) isSet(k string) bool {
	switch k {
	case "code":
		return e.Code != 0
	case "id":
		return e.ID != ""
	case "message":
		return e.Message != ""
	case "props":
		return len(e.Props) > 0
	case "stack":
		return e.Stack != ""
	case "status":
		return e.Status != 0
	case "errors":
		return e.Errors != nil
	case "count":
		return e.Count != 0
	}
	return false
}

// field is the JavaScript value of field k of e, as toJSON() writes it.
func (c *converter) field(e *Error, k string, depth int) jsValue {
	switch k {
	case "code":
		// Kuzzle computes codes with JavaScript's 32-bit signed bit
		// operators: a domain code from 128 up gives a negative code.
		return jsValue{kind: jsNumber, num: float64(int32(e.Code))}
	case "id":
		return jsStr(e.ID)
	case "message":
		return jsStr(e.Message)
	case "props":
		props := jsArrayOf(make([]jsValue, len(e.Props)))
		for i, p := range e.Props {
			props.obj.elems[i] = c.decodedValue(p, depth)
		}
		return props
	case "stack":
		return jsStr(e.Stack)
	case "status":
		return jsValue{kind: jsNumber, num: float64(e.Status)}
	case "errors":
		if e.Errors == nil {
			return jsArrayOf(nil)
		}
		return c.decodedValue(e.Errors, depth)
	case "count":
		return jsValue{kind: jsNumber, num: float64(e.Count)}
	}
	return jsNullValue
}

// decodedValue is the value of a decoded prop or body: the JSON of an array,
// object or number as it was read (compact: valid, and costing no
// conversion), anything else (or a value set since) converted as a
// placeholder.
func (c *converter) decodedValue(v any, depth int) jsValue {
	switch raw := v.(type) {
	case json.RawMessage:
		var b bytes.Buffer
		if json.Compact(&b, raw) == nil {
			return jsValue{kind: jsRaw, str: b.String()}
		}
	case json.Number:
		if raw != "" && (raw[0] == '-' || raw[0] >= '0' && raw[0] <= '9') && json.Valid([]byte(raw)) {
			return jsValue{kind: jsRaw, str: string(raw)} // the literal as read: 1e400 stays 1e400
		}
	}
	return c.value(reflect.ValueOf(v), depth+1)
}

// jsonNumber converts a json.Number placeholder: the number it spells, as
// encoding/json writes it.
func jsonNumber(n json.Number) jsValue {
	if _, err := strconv.ParseFloat(string(n), 64); err != nil && !isRangeErr(err) {
		return jsStr(string(n))
	}
	return jsNumberOf(string(n))
}
