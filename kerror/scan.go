package kerror

import (
	"fmt"
	"reflect"
)

// The runtime formats values a service hands it on its error path, so that
// formatting must not crash or hang whatever the value: the converter
// (jsvalue.go) turns each Go reference into one JavaScript object, and the
// writers bound what shared substructure expands to. encoding/json and fmt,
// which the converter calls for structs and for values encoding/json
// rejects, expand shared values and follow cycles (fmt forever, encoding/json
// for 1000 levels, each of them branching); scan measures first what they
// would walk.

// What the runtime writes for what it does not expand, in a message and in
// JSON: a reference to an enclosing value (JSON.stringify would throw;
// util.inspect's own form, [Circular *1], is written where inspect has it),
// and a value past the output bounds or nesting limit.
const (
	circular  = "[Circular]"
	truncated = "[Truncated]"
)

// Output bounds: expanding shared or repeated substructure stops once a
// message holds maxMessage bytes and a JSON document maxJSON bytes (a value
// started before is written whole; later ones are truncated).
const (
	maxMessage = 1 << 20
	maxJSON    = 16 << 20
)

type scanMode int

const (
	scanJSON scanMode = iota // what encoding/json walks: exported fields, up to Marshalers
	scanFmt                  // what fmt's %v walks: every field, pointers at the top only
)

// scan returns circular when what mode's package would walk from v holds a
// cycle, truncated when it would print more than about limit bytes or nest
// deeper than maxNesting, "" otherwise. It visits each reference once.
func scan(v reflect.Value, mode scanMode, limit int) string {
	s := &scanner{mode: mode, limit: limit, onPath: map[refKey]bool{}, sizes: map[refKey]int{}}
	n, problem := s.size(v, 0)
	switch {
	case problem != "":
		return problem
	case n > limit:
		return truncated
	}
	return ""
}

type scanner struct {
	mode   scanMode
	limit  int
	onPath map[refKey]bool // references being walked
	sizes  map[refKey]int  // references walked: their printed size
}

func (s *scanner) size(v reflect.Value, depth int) (int, string) {
	if !v.IsValid() {
		return 4, ""
	}
	if depth > maxNesting {
		return 0, truncated
	}
	if s.leaf(v, depth) {
		return 16, ""
	}
	switch v.Kind() {
	case reflect.Interface:
		if v.IsNil() {
			return 4, ""
		}
		return s.size(v.Elem(), depth+1)
	case reflect.Pointer:
		if v.IsNil() {
			return 5, ""
		}
		if s.mode == scanFmt {
			if k := v.Elem().Kind(); depth > 0 || k != reflect.Array && k != reflect.Slice && k != reflect.Struct && k != reflect.Map {
				return 14, "" // fmt prints an address
			}
		}
		return s.ref(v, depth, func() (int, string) { return s.size(v.Elem(), depth+1) })
	case reflect.Map:
		return s.ref(v, depth, func() (int, string) {
			total := 2
			it := v.MapRange()
			for it.Next() {
				total += 4
				if k := it.Key(); k.Kind() == reflect.String {
					total += k.Len()
				} else {
					total += 8
				}
				n, problem := s.size(it.Value(), depth+1)
				if total += n; problem != "" || total > s.limit {
					return total, problem
				}
			}
			return total, ""
		})
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return 2 + v.Len()*4, "" // base64, or fmt's decimal bytes
		}
		return s.ref(v, depth, func() (int, string) { return s.elems(v, depth) })
	case reflect.Array:
		return s.elems(v, depth)
	case reflect.Struct:
		total := 2
		t := v.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			if s.mode == scanJSON && (!f.IsExported() && !f.Anonymous || f.Tag.Get("json") == "-") {
				continue
			}
			n, problem := s.size(v.Field(i), depth+1)
			if total += n + len(f.Name) + 4; problem != "" || total > s.limit {
				return total, problem
			}
		}
		return total, ""
	case reflect.String:
		return 2 + v.Len(), ""
	}
	return 8, ""
}

// leaf reports whether the package calls a method of v instead of walking
// it (as encoding/json does for a Marshaler, or for an addressable value
// whose pointer is one; as fmt does for a Formatter, error or Stringer it can
// reach).
func (s *scanner) leaf(v reflect.Value, depth int) bool {
	t := v.Type()
	switch s.mode {
	case scanJSON:
		if t == typeKerror || t == typeKerror.Elem() {
			return false // its MarshalJSON converts its props and body: walked, against cycles through it
		}
		for _, m := range []reflect.Type{typeMarshaler, typeText} {
			if t.Implements(m) || depth > 0 && v.CanAddr() && reflect.PointerTo(t).Implements(m) {
				return true
			}
		}
	case scanFmt:
		if (depth == 0 || v.CanInterface()) && (t.Implements(typeFormatter) || t.Implements(typeError) || t.Implements(typeStringer)) {
			return true
		}
	}
	return false
}

var typeFormatter = reflect.TypeFor[fmt.Formatter]()

func (s *scanner) elems(v reflect.Value, depth int) (int, string) {
	total := 2
	for i := range v.Len() {
		n, problem := s.size(v.Index(i), depth+1)
		if total += n + 1; problem != "" || total > s.limit {
			return total, problem
		}
	}
	return total, ""
}

// ref walks the reference v once: again on its own path, it is a cycle;
// again elsewhere, it prints as much as the first time.
func (s *scanner) ref(v reflect.Value, depth int, walk func() (int, string)) (int, string) {
	k := keyOf(v)
	if s.onPath[k] {
		return 0, circular
	}
	if n, ok := s.sizes[k]; ok {
		return n, ""
	}
	s.onPath[k] = true
	n, problem := walk()
	delete(s.onPath, k)
	s.sizes[k] = n
	return n, problem
}
