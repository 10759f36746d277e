package analyzer_test

import (
	"os"
	"strings"
	"testing"

	"github.com/kerrlint/kerrlint/analyzer"
)

// The README's table of checks lies between these lines.
const (
	tableStart = "<!-- The table of checks is written from analyzer/checks.go by go test ./analyzer -run TestReadmeChecks -update. -->\n"
	tableEnd   = "<!-- End of the table of checks. -->\n"
)

// TestReadmeChecks: the README's table of checks is the table of
// checks.go, rendered; -update rewrites it.
func TestReadmeChecks(t *testing.T) {
	const path = "../README.md"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	before, rest, ok := strings.Cut(readme, tableStart)
	table, after, ok2 := strings.Cut(rest, tableEnd)
	if !ok || !ok2 {
		t.Fatalf("README.md has no table of checks between %q and %q", tableStart, tableEnd)
	}
	want := analyzer.ChecksTable()
	if table == want {
		return
	}
	if *update {
		if err := os.WriteFile(path, []byte(before+tableStart+want+tableEnd+after), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("README.md's table of checks is not the table of checks.go: run go test ./analyzer -run TestReadmeChecks -update; want:\n%s", want)
}
