package registry

import "fmt"

// Diff returns the breaking changes from old to cur, one problem each, as
// "kind: detail" at the position in cur (in old for a removal):
//
//   - code-reused: a code now names another id (Kuzzle 2 reused 0x01010016);
//   - removed: an id removed without being deprecated first;
//   - code-changed, class-changed, status-changed, placeholders-changed:
//     an id whose code, class, HTTP status or number of %s changed.
func Diff(old, cur *Registry) Problems {
	old, cur = old.full(), cur.full()
	var out Problems
	add := func(pos Position, kind, format string, args ...any) {
		out = append(out, Problem{Pos: pos, Msg: kind + ": " + fmt.Sprintf(format, args...)})
	}
	for _, o := range old.entries {
		n, ok := cur.Lookup(o.ID)
		if !ok {
			if o.Deprecated == "" {
				add(o.Pos, "removed", "%s (%s) is removed without being deprecated first", o.ID, FormatCode(o.Code))
			}
			continue
		}
		if n.Code != o.Code {
			add(n.Pos, "code-changed", "%s: code %s was %s", n.ID, FormatCode(n.Code), FormatCode(o.Code))
		}
		if n.Class != o.Class {
			add(n.Pos, "class-changed", "%s: class %s was %s", n.ID, n.Class, o.Class)
		}
		if n.Status != o.Status {
			add(n.Pos, "status-changed", "%s: status %d was %d", n.ID, n.Status, o.Status)
		}
		np, nok := n.Placeholders()
		op, ook := o.Placeholders()
		if nok && ook && np != op {
			add(n.Pos, "placeholders-changed", "%s: %d placeholders, was %d", n.ID, np, op)
		}
	}
	for _, n := range cur.entries {
		if o, ok := old.ByCode(n.Code); ok && o.ID != n.ID {
			add(n.Pos, "code-reused", "%s: code %s belonged to %s (%s)", n.ID, FormatCode(n.Code), o.ID, o.Pos)
		}
	}
	return out
}
