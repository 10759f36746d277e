package analyzer

import (
	"go/ast"
	"reflect"
	"testing"
)

// TestParseDirective: the one grammar of directives, as each consumer
// reads it.
func TestParseDirective(t *testing.T) {
	for _, tc := range []struct {
		text string
		want *directive // nil: not a directive; c is not compared
	}{
		{"// kerrlint:ignore not a directive", nil},
		{"//kerrlint:ignore the gateway adds it", &directive{kind: ignoreDirective, reason: "the gateway adds it"}},
		{"//kerrlint:ignore\tunknown-id,deprecated-id  the gateway adds it", &directive{kind: ignoreDirective,
			checks: []Category{unknownID, deprecatedID}, reason: "the gateway adds it"}},
		{"//kerrlint:ignore third-party code", &directive{kind: ignoreDirective, reason: "third-party code"}},
		{"//kerrlint:ignore", &directive{kind: ignoreDirective,
			problem: "//kerrlint:ignore needs a reason: //kerrlint:ignore [CHECK[,CHECK]] REASON"}},
		{"//kerrlint:ignore unknown-id", &directive{kind: ignoreDirective,
			problem: "//kerrlint:ignore needs a reason: //kerrlint:ignore unknown-id REASON"}},
		{"//kerrlint:ignore unknwn-id why", &directive{kind: ignoreDirective,
			problem: "//kerrlint:ignore names an unknown check unknwn-id; did you mean unknown-id?"}},
		{"//kerrlint:ignore unknown-id,third-party why", &directive{kind: ignoreDirective,
			problem: "//kerrlint:ignore names an unknown check third-party (kerrlint help lists the checks)"}},
		{"//kerrlint:file-ignore generated code", &directive{kind: fileIgnoreDirective,
			problem: "//kerrlint:file-ignore needs the checks it silences: //kerrlint:file-ignore CHECK[,CHECK] REASON"}},
		{"//kerrlint:file-ignore stale-id regenerated nightly", &directive{kind: fileIgnoreDirective,
			checks: []Category{staleID}, reason: "regenerated nightly"}},
		{"//kerrlint:id  code ", &directive{kind: idDirective, param: "code"}},
		{"//kerrlint:id", &directive{kind: idDirective,
			problem: "//kerrlint:id needs a parameter name: //kerrlint:id NAME"}},
		{"//kerrlint:error id=Kind code=Number", &directive{kind: errorDirective,
			fields: []errorField{{"id", "Kind"}, {"code", "Number"}}}},
		{"//kerrlint:error code=Number kind=Kind id=ID", &directive{kind: errorDirective,
			fields:  []errorField{{"code", "Number"}},
			problem: `//kerrlint:error: unknown key "kind" (want id, code, status, class)`}},
		{"//kerrlint:error status=HTTP", &directive{kind: errorDirective,
			fields: []errorField{{"status", "HTTP"}}, problem: "//kerrlint:error needs id=FIELD"}},
		{"//kerrlint:ingore why", &directive{kind: unknownDirective,
			problem: "unknown directive //kerrlint:ingore; did you mean //kerrlint:ignore?"}},
		{"//kerrlint:frobnicate", &directive{kind: unknownDirective,
			problem: "unknown directive //kerrlint:frobnicate (directives: //kerrlint:ignore, //kerrlint:file-ignore, //kerrlint:id, //kerrlint:error)"}},
	} {
		c := &ast.Comment{Text: tc.text}
		got := parseDirective(c)
		if tc.want != nil {
			tc.want.c = c
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("parseDirective(%q) =\n\t%+v, want\n\t%+v", tc.text, got, tc.want)
		}
	}
}
