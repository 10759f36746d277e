package analyzer

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestChecksDocumented keeps the table of checks, doc.go (Analyzer.Doc,
// printed by kerrlint help) and the README's table in step.
func TestChecksDocumented(t *testing.T) {
	headings := map[string]bool{}
	for _, line := range strings.Split(doc, "\n") {
		if h, ok := strings.CutPrefix(line, "// # "); ok {
			for _, cat := range strings.Split(h, ", ") {
				headings[cat] = true
			}
		}
	}
	for _, c := range checks {
		if !headings[c.category] {
			t.Errorf("doc.go has no section for check %s", c.category)
		}
		delete(headings, c.category)
	}
	delete(headings, "Analyzer kerrlint")
	for h := range headings {
		t.Errorf("doc.go documents %q, which is not in the table of checks", h)
	}

	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if want := checksTable(); !strings.Contains(string(readme), want) {
		t.Errorf("README.md's table of checks differs from the table in checks.go; want:\n%s", want)
	}
}

// TestCategoriesReported: every category a diagnostic can carry is a check
// of the table (the reporter sets it from the table; these are the literals
// that do not go through it).
func TestCategoriesReported(t *testing.T) {
	lit := regexp.MustCompile(`Category: "([a-z-]+)"`)
	for _, file := range []string{"report.go", "checks.go", "definitions.go", "wrappers.go", "sink.go", "resolve.go"} {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range lit.FindAllStringSubmatch(string(src), -1) {
			if _, ok := checkNamed(m[1]); !ok {
				t.Errorf("%s reports category %q, which is not in the table of checks", file, m[1])
			}
		}
	}
}
