package golangci

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestNew(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, ".golangci.yml"), []byte("version: \"2\"\n"), 0o644)
	os.MkdirAll(filepath.Join(dir, "errors"), 0o755)
	os.WriteFile(filepath.Join(dir, "errors", "64-shop.json"), []byte(`{"code": 64, "subDomains": {"cart": {"code": 1, "errors": {
  "gone": {"description": "d", "code": 1, "message": "m", "class": "NotFoundError"}}}}}`), 0o644)
	tests := []struct {
		name string
		conf any
		want string // error substring; "" for success
	}{
		{"empty", nil, ""},
		{"all", map[string]any{"registry": []any{"errors"}, "strict": true, "embedded": false, "funcs": []any{"a/b.F:id"}}, ""},
		{"unknown key", map[string]any{"registries": []any{"errors"}}, `kerrlint settings: decoding settings: json: unknown field "registries"`},
		{"wrong type", map[string]any{"strict": "yes"}, `kerrlint settings: decoding settings: json: cannot unmarshal string into Go struct field Settings.strict of type bool`},
		{"bad funcs", map[string]any{"funcs": []any{"F"}}, `kerrlint settings: -funcs "F"`},
		{"missing registry", map[string]any{"registry": []any{"nope"}}, filepath.Join(dir, "nope") + ": no such file or directory"},
		{"no registry", map[string]any{"embedded": false}, "no registry: -embedded=false needs -registry"},
		{"checks", map[string]any{"checks": []any{"all", "-deprecated-id", "unknown-*"}}, ""},
		{"unknown check", map[string]any{"checks": []any{"all", "-deprecated-idd"}}, `kerrlint settings: checks: unknown check "deprecated-idd"; did you mean "deprecated-id"?`},
	}
	wd, _ := os.Getwd()
	defer os.Chdir(wd)
	os.Chdir(filepath.Join(dir, "errors")) // the configuration is found upwards
	for _, tt := range tests {
		p, err := New(tt.conf)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.want)
		case err == nil:
			as, _ := p.BuildAnalyzers()
			if len(as) != 1 || as[0].Name != "kerrlint" || p.GetLoadMode() != "typesinfo" {
				t.Errorf("%s: analyzers %v, load mode %s", tt.name, as, p.GetLoadMode())
			}
		}
	}
	// Two instances do not share settings.
	a, _ := New(map[string]any{"strict": true})
	b, _ := New(nil)
	aa, _ := a.BuildAnalyzers()
	bb, _ := b.BuildAnalyzers()
	if aa[0] == bb[0] {
		t.Error("two plugin instances share an analyzer")
	}
}

func TestConfigDir(t *testing.T) {
	for _, args := range [][]string{{"golangci-lint", "run", "-c", "/x/y/.golangci.yml"}, {"gcl", "--config=/x/y/c.yml", "run"}} {
		if got := configDir(args); got != "/x/y" {
			t.Errorf("configDir(%q) = %s", args, got)
		}
	}
}
