package registry

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/kerrlint/kerrlint/registry/internal/jsontree"
)

// parseJSON parses a registry file with p's memory (nil: new memory) and
// returns its root, of kind None when the file is not JSON, and the
// parser's problems: a duplicate-key warning for each key given twice in an
// object (the last value is used, as JSON.parse does), then the syntax
// error that stopped the parse.
func parseJSON(file, text string, p *jsontree.Parser) (jsontree.Node, Problems) {
	if p == nil {
		p = new(jsontree.Parser)
	}
	root, dups, err := p.Parse(text)
	var problems Problems
	for _, d := range dups {
		problems = append(problems, Problem{Pos: position(file, d.Pos), Warning: WarnDuplicateKey,
			Msg: fmt.Sprintf("duplicate key %q: the last value is used, as Kuzzle does (first at %s)", d.Key, position(file, d.First))})
	}
	if se := (*jsontree.SyntaxError)(nil); errors.As(err, &se) {
		problems = append(problems, Problem{Pos: position(file, se.Pos), Msg: "invalid JSON: " + se.Msg})
	}
	return root, problems
}

// position is where p is in file.
func position(file string, p jsontree.Pos) Position {
	return Position{file, int(p.Line), int(p.Col)}
}

// describe renders a value for a message: the literal for a scalar, its kind
// for an object or an array.
func describe(n jsontree.Node) string {
	switch n.Kind() {
	case jsontree.Object, jsontree.Array:
		return withArticle(n.Kind().String())
	case jsontree.String:
		if s := n.Text(); len(s) > 40 {
			return strconv.Quote(s[:37] + "...")
		}
		return strconv.Quote(n.Text())
	}
	return n.Text()
}

func withArticle(s string) string {
	if strings.ContainsRune("aeiou", rune(s[0])) {
		return "an " + s
	}
	return "a " + s
}
