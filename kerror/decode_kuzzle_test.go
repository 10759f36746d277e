package kerror_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/kerrlint/kerrlint/internal/kuzzlejs"
	"github.com/kerrlint/kerrlint/kerror"
	"github.com/kerrlint/kerrlint/registry"
)

// wireErrors are errors Kuzzle's own code makes, as JavaScript expressions
// (kerror, domains: the codes with customDomain; errors: the error classes).
var wireErrors = []string{
	`kerror.get("services", "storage", "not_found", "a", "b", "c")`,
	`kerror.get("api", "assert", "missing_argument", "body._id")`,
	`kerror.get("security", "token", "expired")`,
	`kerror.get("nope", "nope", "nope")`,
	`kerror.get("services", "storage", "not_found", "a", {message: "Custom message"})`,
	`kerror.getFrom(new Error("cause"), "core", "fatal", "unexpected_error", "x")`,
	`kerror.get("api", "process", "incomplete_multiple_request", "get", [kerror.get("services", "storage", "not_found", "a", "b", "c"), kerror.get("security", "token", "expired")])`,
	`kerror.rawGet(domains, "custom", "custom", "one", "it's \"q\" \\ é 😀 \n\t\u0001 </script> & \u2028")`,
	`kerror.rawGet(domains, "custom", "custom", "one", 1.5, -0, 1e21, 2**53 + 2, 5e-324, NaN, Infinity, null, true, false)`,
	`kerror.rawGet(domains, "custom", "custom", "one", {z: 1, a: [1, {y: null, b: "x"}], 10: "ten", 2: "two", "": 0, __proto__x: 1})`,
	`kerror.rawGet(domains, "custom", "custom", "one", [[], {}, [[[]]]], new Date(Date.UTC(2024, 1, 29, 13, 4, 5, 678)))`,
	`kerror.rawGet(domains, "custom", "custom", "none")`,
	`kerror.rawGet(domains, "custom", "custom", "teapot", "x")`,
	`kerror.rawGet(domains, "custom", "custom", "default_status", "x")`,
	`kerror.rawGet(domains, "custom", "custom", "plugin", "p")`,
	`kerror.rawGet(domains, "custom", "custom", "partial", "x", [{_id: "d1", reason: "conflict", status: 409}])`,
	`kerror.rawGet(domains, "custom", "custom", "partial", "x", "abcé😀")`,
	`kerror.rawGet(domains, "custom", "custom", "partial", {failed: 2}, {})`,
	`kerror.rawGet(domains, "custom", "custom", "partial", {length: 5}, {})`,
	`kerror.rawGet(domains, "custom", "custom", "multiple", "x", [kerror.rawGet(domains, "custom", "custom", "one", "in")])`,
	`kerror.rawGet(domains, "custom", "custom", "multiple", "x", [{notAnError: true}])`,
	`new errors.BadRequestError("a plain message")`,
	`new errors.InternalError(new Error("native boom"))`,
	`new errors.PartialError("partly", [{_id: "x", reason: "r"}])`,
	`new errors.MultipleErrorsError("many", [new errors.NotFoundError("gone", "x.y.z", 7)], "a.b.c", 42)`,
	`new errors.KuzzleError("generic", 418, "custom.custom.teapot", -922681343)`,
	`Object.assign(new errors.ForbiddenError("with extra", "security.rights.forbidden", 123), {extra: {b: 1, a: 2}})`,
}

const decodeScript = `
global.kuzzle = { id: "knode-1" };
const readline = require("readline");
const kerror = require("` + kuzzlejs.KerrorModule + `");
const errors = require("` + kuzzlejs.ErrorsModule + `");
const { Request } = require("` + kuzzlejs.RequestModule + `");
const { removeStacktrace } = require("` + kuzzlejs.StackTraceModule + `");
const { KuzzleError } = require("` + kuzzlejs.SDKErrorModule + `");
let domains = null;
const out = [];
readline.createInterface({ input: process.stdin }).on("line", (line) => {
  if (domains === null) { domains = JSON.parse(line); return; }
  const c = JSON.parse(line);
  global.NODE_ENV = c.env;
  const err = eval(c.expr); // a fresh error per form: removeStacktrace rewrites its stack
  let wire;
  switch (c.form) {
    case "ws": { // wsSendError, the content of every response: removeStacktrace(response.toJSON()).content
      const req = new Request({ controller: "document", action: "get", index: "i", collection: "c", _id: "a" },
        { connection: { protocol: "websocket", id: "cid" } });
      req.setError(err);
      req.id = "request-1";
      wire = JSON.stringify(removeStacktrace(req.response.toJSON()).content);
      break;
    }
    case "pretty": { // httpRequestToResponse with ?pretty
      const req = new Request({ controller: "document", action: "get" }, { connection: { protocol: "http", id: "cid" } });
      req.setError(err);
      req.id = "request-1";
      wire = JSON.stringify(removeStacktrace(req.response.toJSON()).content, undefined, 2);
      break;
    }
    case "http": // httpSendError: the error alone
      wire = JSON.stringify(removeStacktrace(err));
      break;
  }
  const parsed = JSON.parse(wire);
  const obj = parsed.error !== undefined && parsed.message === undefined ? parsed.error : parsed;
  const sdk = new KuzzleError(obj);
  out.push(JSON.stringify({ wire, error: JSON.stringify(obj), class: err.constructor.name,
    sdk: { id: sdk.id, code: sdk.code, status: sdk.status, message: sdk.message, props: sdk.props,
      errors: sdk.errors, count: sdk.count, stack: sdk.kuzzleStack } }));
}).on("close", () => process.stdout.write(out.join("\n") + "\n"));
`

// TestKuzzleDecode decodes the error JSON Kuzzle's own code sends (the
// errors above, each in production and development mode, as a response's
// content over WebSocket, pretty-printed over HTTP, and alone as an HTTP
// error body), and requires: the fields kuzzle-sdk's KuzzleError reads from
// it, the class Kuzzle raised (from the registry in use, by id), and
// MarshalJSON of the decoded error byte for byte the error's JSON.
func TestKuzzleDecode(t *testing.T) {
	dir := kuzzlejs.RequestDir(t)
	codes, custom := useKuzzleCodes(t, dir)
	reg := kerror.Registry()
	domains := map[string]json.RawMessage{}
	files, _ := filepath.Glob(filepath.Join(codes, "*.json"))
	for _, f := range append(files, custom) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		domains[registry.DomainName(f)] = data
	}
	var input bytes.Buffer
	line, _ := json.Marshal(domains)
	input.Write(line)
	input.WriteByte('\n')
	type wireCase struct{ expr, env, form string }
	var cases []wireCase
	for _, expr := range wireErrors {
		for _, env := range []string{"production", "development"} {
			for _, form := range []string{"ws", "pretty", "http"} {
				cases = append(cases, wireCase{expr, env, form})
				line, _ := json.Marshal(map[string]string{"expr": expr, "env": env, "form": form})
				input.Write(line)
				input.WriteByte('\n')
			}
		}
	}
	lines := strings.Split(strings.TrimSpace(string(kuzzlejs.Node(t, dir, decodeScript, input.Bytes()))), "\n")
	if len(lines) != len(cases) {
		t.Fatalf("node answered %d lines for %d cases", len(lines), len(cases))
	}
	stacks, classes := 0, 0
	for i, c := range cases {
		var res struct {
			Wire, Error, Class string
			SDK                struct {
				ID, Message, Stack string
				Code               int32
				Status             int
				Props, Errors      json.RawMessage
				Count              *int
			}
		}
		if err := json.Unmarshal([]byte(lines[i]), &res); err != nil {
			t.Fatal(err)
		}
		name := c.expr + " (" + c.env + ", " + c.form + ")"
		e, err := kerror.Decode([]byte(res.Wire))
		if err != nil {
			t.Errorf("%s: %v\n%s", name, err, res.Wire)
			continue
		}
		sdk := res.SDK
		if e.ID != sdk.ID || int32(e.Code) != sdk.Code || e.Status != sdk.Status || e.Message != sdk.Message || e.Stack != sdk.Stack {
			t.Errorf("%s: decoded %q %d %d %q stack %q\nkuzzle-sdk reads %+v", name, e.ID, int32(e.Code), e.Status, e.Message, e.Stack, sdk)
		}
		if e.Stack != "" {
			stacks++
		}
		fields := map[string]json.RawMessage{}
		data, _ := e.MarshalJSON()
		json.Unmarshal(data, &fields)
		if !sameJSON(fields["props"], sdk.Props) || !sameJSON(fields["errors"], sdk.Errors) {
			t.Errorf("%s: props %s errors %s, kuzzle-sdk reads %s %s", name, fields["props"], fields["errors"], sdk.Props, sdk.Errors)
		}
		if sdk.Count != nil && e.Count != *sdk.Count {
			t.Errorf("%s: count %d, kuzzle-sdk reads %d", name, e.Count, *sdk.Count)
		}
		if _, known := reg.Lookup(e.ID); known {
			if string(e.Class) != res.Class {
				t.Errorf("%s: class %q, Kuzzle raised a %s", name, e.Class, res.Class)
			}
			classes++
		} else if e.Class != "" {
			t.Errorf("%s: class %q for an id the registry does not hold", name, e.Class)
		}
		if string(data) != res.Error {
			t.Errorf("%s: MarshalJSON of the decoded error\n got %s\nwant %s", name, data, res.Error)
		}
		if !kerror.Is(e, e.ID) {
			t.Errorf("%s: Is(%q) = false", name, e.ID)
		}
	}
	t.Logf("%d error JSON documents from kuzzle %s (%d errors × production/development × ws/pretty/http) decoded: kuzzle-sdk %s's fields, %d classes, %d stacks, byte-for-byte round trips",
		len(cases), kuzzlejs.KuzzleVersion, len(wireErrors), kuzzlejs.SDKVersion, classes, stacks)
}

// sameJSON compares two JSON documents by value (absent is null).
func sameJSON(a, b json.RawMessage) bool {
	var x, y any
	json.Unmarshal(a, &x)
	json.Unmarshal(b, &y)
	return reflect.DeepEqual(x, y)
}
