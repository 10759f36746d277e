package analyzer_test

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/kerrlint/kerrlint/internal/e2etest"
)

// notFollowedItem is one item of the README's "What kerrlint does not
// follow": its key (in bold) and the testdata packages it names.
type notFollowedItem struct {
	key  string
	pkgs []string
}

// readmeNotFollowed returns the items of the README's list of what
// kerrlint does not follow.
func readmeNotFollowed(t *testing.T) []notFollowedItem {
	section := e2etest.ReadmeSection(t, "### What kerrlint does not follow")
	var bullets []string
	for _, line := range strings.Split(section, "\n") {
		switch {
		case strings.HasPrefix(line, "- "):
			bullets = append(bullets, line)
		case strings.HasPrefix(line, "  ") && len(bullets) > 0:
			bullets[len(bullets)-1] += " " + strings.TrimSpace(line)
		}
	}
	key := regexp.MustCompile(`^- \*\*([^*]+)\*\*: `)
	code := regexp.MustCompile("`([a-z]+)`")
	var items []notFollowedItem
	for _, b := range bullets {
		m := key.FindStringSubmatch(b)
		if m == nil {
			continue // the oracle's rewrites
		}
		item := notFollowedItem{key: m[1]}
		for _, c := range code.FindAllStringSubmatch(b, -1) {
			if fi, err := os.Stat(filepath.Join(testdata, "src", c[1])); err == nil && fi.IsDir() {
				item.pkgs = append(item.pkgs, c[1])
			}
		}
		items = append(items, item)
	}
	return items
}

// TestNotFollowed ties each item of the README's "What kerrlint does not
// follow" to the testdata lines showing kerrlint quiet there: each named
// package has lines marked "// not followed: ITEM" with no diagnostic
// expected, and is run by a test of this package (analysistest fails on a
// diagnostic no want expects); every marked line is an item's.
func TestNotFollowed(t *testing.T) {
	items := readmeNotFollowed(t)
	if len(items) < 5 {
		t.Fatalf("found %d items in the README's list of what kerrlint does not follow; want them all", len(items))
	}
	marked := map[string]map[string]int{} // package → item → lines
	files, err := filepath.Glob(filepath.Join(testdata, "src", "*", "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range files {
		f, err := os.Open(file)
		if err != nil {
			t.Fatal(err)
		}
		pkg := filepath.Base(filepath.Dir(file))
		sc := bufio.NewScanner(f)
		for n := 1; sc.Scan(); n++ {
			_, key, ok := strings.Cut(sc.Text(), "// not followed: ")
			if !ok {
				continue
			}
			if strings.Contains(sc.Text(), "// want") {
				t.Errorf("%s:%d: a line marked not followed expects a diagnostic", file, n)
			}
			if marked[pkg] == nil {
				marked[pkg] = map[string]int{}
			}
			marked[pkg][strings.TrimSpace(key)]++
		}
		f.Close()
	}
	var tests []byte
	testFiles, _ := filepath.Glob("*_test.go")
	for _, file := range testFiles {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		tests = append(tests, data...)
	}
	for _, item := range items {
		if len(item.pkgs) == 0 {
			t.Errorf("README: %q names no testdata package showing kerrlint quiet there", item.key)
		}
		for _, pkg := range item.pkgs {
			if marked[pkg][item.key] == 0 {
				t.Errorf("README: %q names testdata/src/%s, which has no line marked // not followed: %s", item.key, pkg, item.key)
			}
			if !strings.Contains(string(tests), `"`+pkg+`"`) {
				t.Errorf("README: %q names testdata/src/%s, which no test of the analyzer runs", item.key, pkg)
			}
		}
	}
	for pkg, keys := range marked {
		for key := range keys {
			i := slices.IndexFunc(items, func(it notFollowedItem) bool { return it.key == key })
			if i < 0 {
				t.Errorf("testdata/src/%s marks lines // not followed: %s, which the README does not list", pkg, key)
			} else if !slices.Contains(items[i].pkgs, pkg) {
				t.Errorf("testdata/src/%s marks lines // not followed: %s, but the README's item does not name %s", pkg, key, pkg)
			}
		}
	}
}
