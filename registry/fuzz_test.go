package registry

import (
	"bytes"
	"strings"
	"testing"
)

// The fuzz targets check that no input makes a loader or parser panic or
// loop, that every problem has a position inside the file, and that what
// loads renders and parses back to the same page.

func FuzzParseDomain(f *testing.F) {
	f.Add([]byte(domainJSONSeed))
	f.Add([]byte(`{"code": 1, "subdomains": {"a": {"code": 1, "errors": {}}}}`))
	f.Add([]byte(`{"code": 99999999999999999999999, "subDomains": {}}`))
	f.Add([]byte(`{"code": -1, "subDomains": {"a": {"code": 1.5, "errors": {"b": []}}}}`))
	f.Add([]byte(`{"code": 1, "code": 2`))
	f.Fuzz(func(t *testing.T, data []byte) {
		entries, problems := ParseDomain("32-shop.json", data)
		lines := bytes.Count(data, []byte("\n")) + 1
		for _, p := range problems {
			if p.Pos.File != "32-shop.json" || p.Pos.Line < 1 || p.Pos.Line > lines || p.Pos.Col < 1 {
				t.Fatalf("problem outside the file: %s", p)
			}
		}
		if len(problems) > 0 {
			return
		}
		r, err := New(entries)
		if err != nil {
			return // duplicates across subdomains are New's to report
		}
		for _, e := range entries {
			// A page cell cannot hold every name Kuzzle takes.
			if strings.ContainsAny(e.Domain+e.Subdomain+e.Name, "|<>`\\ \t\r\n") {
				return
			}
		}
		roundTrip(t, r)
	})
}

func FuzzParseManifest(f *testing.F) {
	f.Add([]byte(`{"name": "payments", "errors": {"declined": {"description": "d", "code": 1, "message": "Card %s", "class": "BadRequestError"}}}`))
	f.Add([]byte(`{"name": "Bad Name", "errors": {}}`))
	f.Add([]byte(`{"errors": 3}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := ParseManifest("manifest.json", data, 7)
		if err == nil {
			for _, e := range r.Entries() {
				if e.Code>>16 != 0x0407 || e.Domain != "plugin" {
					t.Fatalf("manifest entry %s has code %s", e.ID, FormatCode(e.Code))
				}
			}
		}
	})
}

func FuzzParseCode(f *testing.F) {
	for _, s := range []string{"0x0101000b", "16842763", "0", "0xffffffff", "0x100000000", "-1", "0b101", "0o17", "1_000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseCode(s)
		if err != nil {
			return
		}
		back, err := ParseCode(FormatCode(c))
		if err != nil || back != c {
			t.Fatalf("ParseCode(FormatCode(%d)) = %d, %v", c, back, err)
		}
	})
}

func FuzzParseID(f *testing.F) {
	for _, s := range []string{"services.storage.not_found", "a.b", "a.b.c.d", "..", "a..c", "é.b.c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, id string) {
		d, s, n, ok := ParseID(id)
		if ok && d+"."+s+"."+n != id {
			t.Fatalf("ParseID(%q) = %q %q %q", id, d, s, n)
		}
		if ok && (strings.Contains(d, ".") || strings.Contains(s, ".") || strings.Contains(n, ".")) {
			t.Fatalf("ParseID(%q) kept a dot: %q %q %q", id, d, s, n)
		}
	})
}

func FuzzCountPlaceholders(f *testing.F) {
	for _, s := range []string{"Index %s not found", "%%s", "100%% of %s", "%", "%s%s%", "%d %s"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, format string) {
		n := CountPlaceholders(format)
		if n < 0 || n > strings.Count(format, "%") {
			t.Fatalf("CountPlaceholders(%q) = %d", format, n)
		}
		// That it counts what Node's util.format consumes is checked against
		// the runtime's Format (itself held to Node): kerror's
		// FuzzPlaceholdersConsumed.
	})
}

func FuzzMarkdown(f *testing.F) {
	small, _ := New(Default().Entries()[:8]) // two subdomains of two domains... enough structure, small input
	f.Add(small.Markdown())
	f.Add([]byte("| a.b.c<br/><pre>0x01020003</pre> | [NotFoundError](/core/1/api/essentials/errors/handling#notfounderror) <pre>(404)</pre> | x |\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := ParseMarkdown("page.md", data)
		if err != nil {
			return
		}
		roundTrip(t, r)
	})
}

// roundTrip checks that render → parse → render is stable.
func roundTrip(t *testing.T, r *Registry) {
	page := r.Markdown()
	again, err := ParseMarkdown("page.md", page)
	if err != nil {
		t.Fatalf("the rendered page does not parse: %v\n%s", err, page)
	}
	if !bytes.Equal(again.Markdown(), page) {
		t.Fatalf("render → parse → render differs:\n%s\n---\n%s", page, again.Markdown())
	}
}

const domainJSONSeed = `{
  "code": 32,
  "subDomains": {
    "cart": {
      "code": 1,
      "errors": {
        "item_missing": {"description": "An item is missing", "code": 1, "message": "Item %s is missing.", "class": "NotFoundError"},
        "frozen": {"description": "Frozen", "code": 2, "message": "m", "class": "KuzzleError", "status": 429, "deprecated": "1.0"}
      }
    }
  }
}`
