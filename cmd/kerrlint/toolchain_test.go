package main_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/kerrlint/kerrlint/analyzer"
	"github.com/kerrlint/kerrlint/internal/e2etest"
)

// TestHelp: kerrlint help lists every check on a line of its own; help
// CHECK prints that check's section; an unknown name is a usage error.
func TestHelp(t *testing.T) {
	dir := t.TempDir()
	r := e2etest.Run(t, dir, nil, kerrlint, "help")
	if r.Code != 0 {
		t.Fatalf("kerrlint help: exit %d\n%s", r.Code, r.Stderr)
	}
	for _, name := range analyzer.CheckNames() {
		summary, _ := analyzer.CheckSummary(name)
		if summary == "" || !regexp.MustCompile(`(?m)^  `+regexp.QuoteMeta(name)+` +`+regexp.QuoteMeta(summary)+`$`).MatchString(r.Stdout) {
			t.Errorf("kerrlint help lacks the line of %s (%q):\n%s", name, summary, r.Stdout)
		}
		r := e2etest.Run(t, dir, nil, kerrlint, "help", name)
		if r.Code != 0 || !strings.HasPrefix(r.Stdout, "# ") || !strings.Contains(strings.SplitN(r.Stdout, "\n", 2)[0], name) || strings.Contains(r.Stdout, "# Analyzer") {
			t.Errorf("kerrlint help %s: exit %d\n%s", name, r.Code, r.Stdout)
		}
		if n := strings.Count(r.Stdout, "\n# "); n != 0 {
			t.Errorf("kerrlint help %s prints %d other sections:\n%s", name, n, r.Stdout)
		}
	}
	r = e2etest.Run(t, dir, nil, kerrlint, "help", "unknown-idd")
	if r.Code != 2 || r.Stdout != "" || !strings.Contains(r.Stderr, `unknown check "unknown-idd"; did you mean "unknown-id"?`) {
		t.Errorf("kerrlint help unknown-idd: exit %d\n%s%s", r.Code, r.Stdout, r.Stderr)
	}
}

// TestVersion: kerrlint version, -version and -V say the same version;
// -V=full says it too, in the form go vet parses (third field devel, the
// build ID last).
func TestVersion(t *testing.T) {
	dir := t.TempDir()
	r := e2etest.Run(t, dir, nil, kerrlint, "version")
	line := strings.TrimSpace(r.Stdout)
	want := regexp.MustCompile(`^kerrlint (\S+) \(` + regexp.QuoteMeta(runtime.Version()) + ` \S+/\S+; embedded registry kuzzle-1\.12, 209 ids\)$`)
	m := want.FindStringSubmatch(line)
	if r.Code != 0 || m == nil {
		t.Fatalf("kerrlint version: exit %d, %q, want %s", r.Code, line, want)
	}
	if r := e2etest.Run(t, dir, nil, kerrlint, "-version"); strings.TrimSpace(r.Stdout) != line {
		t.Errorf("kerrlint -version: %q, want %q", r.Stdout, line)
	}
	if r := e2etest.Run(t, dir, nil, kerrlint, "-V"); strings.TrimSpace(r.Stdout) != "kerrlint version "+m[1] {
		t.Errorf("kerrlint -V: %q, want kerrlint version %s", r.Stdout, m[1])
	}
	r = e2etest.Run(t, dir, nil, kerrlint, "-V=full")
	f := strings.Fields(r.Stdout)
	if r.Code != 0 || len(f) < 4 || f[1] != "version" || f[2] != "devel" || !strings.HasPrefix(f[len(f)-1], "buildID=") || !strings.Contains(r.Stdout, "("+line+")") {
		t.Errorf("kerrlint -V=full: %q, want EXE version devel (%s) buildID=...", r.Stdout, line)
	}
}

// TestChecksFlag: -checks selects the checks, standalone and under go vet;
// an unknown name is a usage error.
func TestChecksFlag(t *testing.T) {
	dir := e2etest.Example(t)
	r := e2etest.Run(t, dir, nil, kerrlint, "-checks", "all,-unknown-id", "./...")
	got := withChecks(r.Stderr, dir)
	want := []string{
		`store/store.go:35:10: services.storage.document_already_exists is a BadRequestError, not a PreconditionError: use kerror.BadRequest (class-mismatch)`,
		`store/store.go:47:66: services.storage.not_found has status 404, not 400 (status-mismatch)`,
	}
	if r.Code != 3 || strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("-checks all,-unknown-id: exit %d\n%s\nwant exit 3 and\n%s", r.Code, r.Stderr, strings.Join(want, "\n"))
	}
	r = e2etest.Run(t, dir, nil, "go", "vet", "-vettool="+kerrlint, "-checks=status-*", "./...")
	if got := diagnostics(r.Stderr, dir); r.Code != 1 || strings.Join(got, "\n") != `store/store.go:47:66: services.storage.not_found has status 404, not 400` {
		t.Errorf("go vet -checks=status-*: exit %d\n%s", r.Code, r.Stderr)
	}
	r = e2etest.Run(t, dir, nil, kerrlint, "-checks", "unknown-idd", "./...")
	if r.Code != 2 || !strings.Contains(r.Stderr, `unknown check "unknown-idd"; did you mean "unknown-id"?`) {
		t.Errorf("-checks unknown-idd: exit %d, want 2\n%s", r.Code, r.Stderr)
	}
}

// TestTextOutput: diagnostics sorted by file and position, paths relative
// to the current directory (absolute where they would climb out of it).
func TestTextOutput(t *testing.T) {
	dir := e2etest.Module(t, map[string]string{
		"app/b.go": "package app\n\nimport \"github.com/kerrlint/kerrlint/kerror\"\n\nvar B = kerror.New(\"services.storage.not_fund\")\n",
		"app/a.go": "package app\n\nimport \"github.com/kerrlint/kerrlint/kerror\"\n\nvar (\n\tA2 = kerror.BadRequest(\"services.storage.not_found\")\n\tA1 = kerror.New(\"services.storage.not_fund\")\n)\n\nvar A0 = kerror.New(\"services.storage.not_fund\"); var A3 = kerror.New(\"services.storage.not_fnd\")\n",
	})
	r := e2etest.Run(t, dir, nil, kerrlint, "./...")
	var got []string
	for _, l := range strings.Split(r.Stderr, "\n") {
		if l != "" {
			got = append(got, regexp.MustCompile(`: .*\((\S+)\)$`).ReplaceAllString(l, " $1"))
		}
	}
	want := []string{"app/a.go:6:7 class-mismatch", "app/a.go:7:18 unknown-id", "app/a.go:10:21 unknown-id", "app/a.go:10:71 unknown-id", "app/b.go:5:20 unknown-id"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("kerrlint ./...:\n%s\nwant:\n%s", r.Stderr, strings.Join(want, "\n"))
	}
	// From a subdirectory: the other directory's file is absolute, as the
	// go command prints it.
	sub := filepath.Join(dir, "app", "sub")
	os.MkdirAll(sub, 0o755)
	r = e2etest.Run(t, sub, nil, kerrlint, "example.com/m/app")
	if !strings.HasPrefix(r.Stderr, filepath.Join(dir, "app", "a.go")+":6:7: ") {
		t.Errorf("from app/sub: paths not absolute:\n%s", r.Stderr)
	}
}

// TestSARIF checks the SARIF log for the fields GitHub code scanning
// requires: version, the tool's rules (one per check, with descriptions
// and a helpUri), results whose ruleId is the check, with a relative URI
// under %SRCROOT%, a region, and the fixes.
func TestSARIF(t *testing.T) {
	dir := e2etest.Example(t)
	r := e2etest.Run(t, dir, nil, kerrlint, "-f", "sarif", "./...")
	if r.Code != 0 {
		t.Fatalf("-f sarif: exit %d\n%s", r.Code, r.Stderr)
	}
	var log struct {
		Schema  string `json:"$schema"`
		Version string
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name  string
					Rules []struct {
						ID               string
						ShortDescription struct{ Text string }
						FullDescription  struct{ Text string }
						Help             struct{ Text string }
						HelpURI          string
					}
				}
			}
			OriginalURIBaseIDs map[string]struct{ URI string } `json:"originalUriBaseIds"`
			Results            []struct {
				RuleID    string
				RuleIndex int
				Level     string
				Message   struct{ Text string }
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI, URIBaseID string }
						Region           struct{ StartLine, StartColumn, EndLine, EndColumn int }
					}
				}
				Fixes []struct {
					ArtifactChanges []struct {
						Replacements []struct {
							InsertedContent struct{ Text string }
						}
					}
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(r.Stdout), &log); err != nil {
		t.Fatalf("-f sarif: %v\n%s", err, r.Stdout)
	}
	if log.Version != "2.1.0" || log.Schema == "" || len(log.Runs) != 1 {
		t.Fatalf("SARIF log: version %q, schema %q, %d runs", log.Version, log.Schema, len(log.Runs))
	}
	run := log.Runs[0]
	rules := run.Tool.Driver.Rules
	if run.Tool.Driver.Name != "kerrlint" || len(rules) != len(analyzer.CheckNames()) {
		t.Fatalf("SARIF driver %q with %d rules, want kerrlint and %d", run.Tool.Driver.Name, len(rules), len(analyzer.CheckNames()))
	}
	for i, name := range analyzer.CheckNames() {
		if rules[i].ID != name || rules[i].ShortDescription.Text == "" || !strings.Contains(rules[i].FullDescription.Text, name) ||
			!strings.HasPrefix(rules[i].HelpURI, analyzer.Analyzer.URL+"#hdr-") {
			t.Errorf("rule %d: %+v", i, rules[i])
		}
	}
	if base := run.OriginalURIBaseIDs["%SRCROOT%"].URI; base != "file://"+dir+"/" {
		t.Errorf("%%SRCROOT%% is %q, want file://%s/", base, dir)
	}
	if len(run.Results) != len(e2etest.ExampleDiagnostics) {
		t.Fatalf("%d results, want %d", len(run.Results), len(e2etest.ExampleDiagnostics))
	}
	for i, res := range run.Results {
		loc := res.Locations[0].PhysicalLocation
		want := e2etest.ExampleDiagnostics[i]
		got := loc.ArtifactLocation.URI + ":" + itoa(loc.Region.StartLine) + ":" + itoa(loc.Region.StartColumn) + ": " + res.Message.Text
		if got != want || res.RuleID != e2etest.ExampleChecks[i] || rules[res.RuleIndex].ID != res.RuleID || res.Level != "error" ||
			loc.ArtifactLocation.URIBaseID != "%SRCROOT%" || loc.Region.EndLine < loc.Region.StartLine || len(res.Fixes) != 1 || len(res.Fixes[0].ArtifactChanges) != 1 {
			t.Errorf("result %d: %s %+v, want %s (%s)", i, got, res, want, e2etest.ExampleChecks[i])
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
