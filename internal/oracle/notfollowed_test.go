package oracle

import (
	"strings"
	"testing"

	"github.com/kerrlint/kerrlint/internal/e2etest"
)

// TestNotFollowedRewrites: the README's "What kerrlint does not follow"
// names every metamorphic rewrite (with what it leaves out), and every
// rewrite of notFollowed with its reason.
func TestNotFollowedRewrites(t *testing.T) {
	section := e2etest.ReadmeSection(t, "### What kerrlint does not follow")
	flat := strings.Join(strings.Fields(section), " ")
	for _, rw := range rewrites {
		if !strings.Contains(flat, "`"+rw.name+"`") {
			t.Errorf("README.md's list of what kerrlint does not follow does not name the rewrite %s", rw.name)
		}
	}
	for name, reason := range notFollowed {
		if !strings.Contains(flat, strings.Join(strings.Fields(reason), " ")) {
			t.Errorf("README.md's list of what kerrlint does not follow does not give the reason rewrite %s is not followed: %s", name, reason)
		}
	}
}
