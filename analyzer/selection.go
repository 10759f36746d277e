package analyzer

import (
	"fmt"
	"go/doc/comment"
	"path"
	"slices"
	"strings"
)

// CheckNames returns the names of kerrlint's checks, in documentation order.
func CheckNames() []string {
	names := make([]string, len(checks))
	for i, c := range checks {
		names[i] = c.name
	}
	return names
}

// CheckSummary returns the one-line summary of a check (what it reports),
// and false for an unknown name.
func CheckSummary(name string) (string, bool) {
	c, ok := checkNamed(name)
	if !ok {
		return "", false
	}
	return checks[c].summary, true
}

// A selection is the set of checks a -checks list enables.
type selection map[Category]bool

// parseChecks reads a list in staticcheck's syntax: comma-separated items
// applied left to right over an initially empty set, each "all", a name, or
// a glob (unknown-*), optionally prefixed by "-" to remove it. An empty list
// is "all". A name or glob that matches no check is an error.
func parseChecks(list []string) (selection, error) {
	sel := selection{}
	if len(list) == 0 {
		list = []string{"all"}
	}
	for _, item := range list {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		remove := strings.HasPrefix(item, "-")
		pattern := strings.TrimPrefix(item, "-")
		if pattern == "all" {
			pattern = "*"
		}
		matched := false
		for c := range numChecks {
			if ok, err := path.Match(pattern, checks[c].name); err != nil {
				return nil, fmt.Errorf("malformed check pattern %q", item)
			} else if ok {
				matched = true
				sel[c] = !remove
			}
		}
		if !matched {
			msg := fmt.Sprintf("unknown check %q", pattern)
			if near := NearestCheck(pattern); near != "" {
				msg += fmt.Sprintf("; did you mean %q?", near)
			}
			return nil, fmt.Errorf("%s (kerrlint help lists the checks)", msg)
		}
	}
	return sel, nil
}

// enabled reports whether the selection enables check c; a nil selection
// enables every check.
func (s selection) enabled(c Category) bool { return s == nil || s[c] }

// NearestCheck returns the check name closest to name, if close enough
// (for did-you-mean), or "".
func NearestCheck(name string) string {
	best, bestD := "", len(name)/2+1
	for _, c := range CheckNames() {
		if d := editDistance(name, c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// checksFlag parses a -checks list as it is set, into the checker's
// selection (and, as given, the list its String prints).
type checksFlag struct {
	list *[]string
	sel  *selection
}

func (f checksFlag) String() string {
	if f.list == nil {
		return ""
	}
	return strings.Join(*f.list, ",")
}

func (f checksFlag) Set(s string) error {
	items := strings.Split(s, ",")
	sel, err := parseChecks(items)
	if err != nil {
		return err
	}
	*f.list, *f.sel = slices.Clone(items), sel
	return nil
}

// CheckDoc returns the section of the analyzer's documentation about the
// check named, and the anchor of its heading in the package documentation
// (as go/doc names it), or false for an unknown check.
func CheckDoc(name string) (section, anchor string, ok bool) {
	var p comment.Parser
	d := p.Parse(extractDoc(doc))
	var pr comment.Printer
	for i, b := range d.Content {
		h, isHeading := b.(*comment.Heading)
		if !isHeading {
			continue
		}
		title := strings.TrimSpace(string(pr.Text(&comment.Doc{Content: []comment.Block{&comment.Paragraph{Text: h.Text}}})))
		names := strings.Split(title, ",")
		for j := range names {
			names[j] = strings.TrimSpace(names[j])
		}
		if !slices.Contains(names, name) {
			continue
		}
		body := &comment.Doc{Content: []comment.Block{h}}
		for _, next := range d.Content[i+1:] {
			if _, stop := next.(*comment.Heading); stop {
				break
			}
			body.Content = append(body.Content, next)
		}
		return string(pr.Text(body)), h.DefaultID(), true
	}
	return "", "", false
}
