package registry

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// largeRegistry writes a generated registry of domains×subs×errs ids, in
// Kuzzle's v2 layout, and returns its directory.
func largeRegistry(tb testing.TB, domains, subs, errs int) string {
	tb.Helper()
	dir := tb.TempDir()
	for d := 0; d < domains; d++ {
		var b strings.Builder
		fmt.Fprintf(&b, "{\n  \"code\": %d,\n  \"subDomains\": {\n", d+16)
		for s := 0; s < subs; s++ {
			fmt.Fprintf(&b, "    \"sub%d\": {\n      \"code\": %d,\n      \"errors\": {\n", s, s+1)
			for e := 0; e < errs; e++ {
				fmt.Fprintf(&b, "        \"error_number_%d\": {\"description\": \"Error %d of sub%d\", \"code\": %d, \"message\": \"Thing %%s failed (%d)\", \"class\": \"BadRequestError\"}", e, e, s, e+1, e)
				if e < errs-1 {
					b.WriteString(",")
				}
				b.WriteString("\n")
			}
			b.WriteString("      }\n    }")
			if s < subs-1 {
				b.WriteString(",")
			}
			b.WriteString("\n")
		}
		b.WriteString("  }\n}\n")
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%d-domain%d.json", d+16, d)), []byte(b.String()), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	return dir
}

// BenchmarkLoad100k loads a 100,000-id registry from its JSON files
// (target: under 50 ms).
func BenchmarkLoad100k(b *testing.B) {
	dir := largeRegistry(b, 10, 100, 100)
	b.ResetTimer()
	defer reportCPU(b)()
	for b.Loop() {
		r, err := Load(dir)
		if err != nil || r.Len() != 100_000 {
			b.Fatal(r, err)
		}
	}
}

// reportCPU returns a function that reports the process's CPU time per
// iteration since reportCPU was called, as cpu-ns/op: on a shared machine,
// where other processes stretch wall-clock times, CPU time varies less (it
// also counts the work done on other cores, which wall-clock time hides).
func reportCPU(b *testing.B) func() {
	start, ok := cpuTime()
	return func() {
		if end, ok2 := cpuTime(); ok && ok2 && b.N > 0 {
			b.ReportMetric(float64(end-start)/float64(b.N), "cpu-ns/op")
		}
	}
}

// BenchmarkLoad100kEncodingJSON is the yardstick for BenchmarkLoad100k on a
// loaded machine: encoding/json unmarshalling the same files into
// map[string]any, read and parsed in parallel as Load does, without
// positions or validation. Ratios to it hold where absolute times do not.
func BenchmarkLoad100kEncodingJSON(b *testing.B) {
	dir := largeRegistry(b, 10, 100, 100)
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil || len(files) != 10 {
		b.Fatal(files, err)
	}
	b.ResetTimer()
	for b.Loop() {
		var wg sync.WaitGroup
		errs := make([]error, len(files))
		for i, f := range files {
			wg.Go(func() {
				data, err := os.ReadFile(f)
				if err == nil {
					var doc map[string]any
					err = json.Unmarshal(data, &doc)
				}
				errs[i] = err
			})
		}
		wg.Wait()
		if err := errors.Join(errs...); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSuggest100k answers a did-you-mean in a 100,000-id registry
// (target: under 1 ms).
func BenchmarkSuggest100k(b *testing.B) {
	r := loadLarge(b)
	for b.Loop() {
		if got := r.Suggest("domain3.sub42.error_numbr_17", 3); len(got) == 0 || got[0].ID != "domain3.sub42.error_number_17" {
			b.Fatal(got)
		}
	}
}

// BenchmarkSuggest100kNoMatch is the worst case: nothing is close.
func BenchmarkSuggest100kNoMatch(b *testing.B) {
	r := loadLarge(b)
	for b.Loop() {
		if got := r.Suggest("completely.different.identifier", 3); len(got) != 0 {
			b.Fatal(got)
		}
	}
}

// BenchmarkLookup100k is the analyzer's per-site cost.
func BenchmarkLookup100k(b *testing.B) {
	r := loadLarge(b)
	for b.Loop() {
		if _, ok := r.Lookup("domain3.sub42.error_number_17"); !ok {
			b.Fatal("not found")
		}
	}
}

func BenchmarkDefault(b *testing.B) {
	defer reportCPU(b)()
	for b.Loop() {
		if _, err := ParseTSV(EmbeddedName, embeddedFile); err != nil {
			b.Fatal(err)
		}
	}
}

func loadLarge(b *testing.B) *Registry {
	b.Helper()
	dir := largeRegistry(b, 10, 100, 100)
	r, err := Load(dir)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	return r
}
