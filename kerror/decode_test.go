package kerror_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/kerrlint/kerrlint/kerror"
)

// Error JSON as Kuzzle 2.56 writes it (from its own code: kerror, the error
// classes' toJSON, KuzzleRequest/RequestResponse and removeStacktrace), in
// both modes; TestKuzzleDecode produces them with Kuzzle itself.
var kuzzleWire = []struct {
	name string
	json string
}{
	{"production", `{"code":16842763,"id":"services.storage.not_found","message":"Document \"a\" not found in \"b\":\"c\".","props":["a","b","c"],"status":404}`},
	{"development", `{"code":16842763,"id":"services.storage.not_found","message":"Document not found","props":["a",1.5,null,true,{"z":1,"a":[2]}],"stack":"NotFoundError: Document not found\n      [...Kuzzle internal calls deleted...]\n>    at Object.<anonymous> (/app/x.js:8:22)","status":404}`},
	{"native error made an InternalError", `{"message":"native boom","status":500}`},
	{"MultipleErrorsError", `{"code":33685514,"id":"api.process.incomplete_multiple_request","message":"At least one of the get actions failed.","props":["get"],"status":400,"count":1,"errors":[{"code":16842763,"id":"services.storage.not_found","message":"m","props":[],"stack":"NotFoundError: m","status":404}]}`},
	{"PartialError without an id", `{"message":"partly","status":206,"errors":[{"_id":"x","reason":"r"}],"count":1}`},
	{"negative code (domain 200)", `{"code":-922681343,"id":"rules.rules.two","message":"Between a and b","props":["a","b"],"status":400}`},
	{"big integers and unknown members", `{"code":1,"id":"x.y.z","message":"m","props":[9223372036854775808,-0.5,1e+21],"status":500,"extra":{"b":1,"a":2},"stack":null}`},
	{"numbers JSON.stringify does not write, kept as read", `{"message":"m","props":[1.0,1E5,-0,1e400,{"a":1.50}],"status":500}`},
	{"object body without a length", `{"code":-922681342,"id":"rules.rules.partial","message":"Partly %s","props":[],"status":206,"errors":{"failed":2}}`},
	{"object body with a length that is not a number", `{"message":"m","status":206,"errors":{"length":"x"},"count":"x"}`},
}

func TestDecodeRoundTrip(t *testing.T) {
	useRules(t)
	for _, w := range kuzzleWire {
		e, err := kerror.Decode([]byte(w.json))
		if err != nil {
			t.Errorf("%s: %v", w.name, err)
			continue
		}
		got, _ := e.MarshalJSON()
		if string(got) != w.json {
			t.Errorf("%s: round trip\n got %s\nwant %s", w.name, got, w.json)
		}
		var u kerror.Error
		if err := json.Unmarshal([]byte(w.json), &u); err != nil {
			t.Errorf("%s: json.Unmarshal: %v", w.name, err)
		} else if back, _ := u.MarshalJSON(); string(back) != w.json {
			t.Errorf("%s: json.Unmarshal round trip\n got %s", w.name, back)
		}
	}
}

func TestDecodeFields(t *testing.T) {
	useRules(t)
	e, err := kerror.Decode([]byte(kuzzleWire[5].json))
	if err != nil {
		t.Fatal(err)
	}
	if e.ID != "rules.rules.two" || e.Code != 0xc9010001 || e.Status != 400 || e.Class != kerror.BadRequestError ||
		e.Message != "Between a and b" || len(e.Props) != 2 || e.Props[0] != "a" {
		t.Errorf("decoded %+v", e)
	}
	var target *kerror.Error
	wrapped := fmt.Errorf("calling Kuzzle: %w", e)
	if !kerror.Is(wrapped, "rules.rules.two") || !errors.As(wrapped, &target) || target != e {
		t.Error("Is / errors.As do not find the decoded error")
	}
	e, _ = kerror.Decode([]byte(kuzzleWire[1].json))
	if e.Class != kerror.NotFoundError || !strings.HasPrefix(e.Stack, "NotFoundError: ") || e.Props[1] != json.Number("1.5") ||
		string(e.Props[4].(json.RawMessage)) != `{"z":1,"a":[2]}` || e.Props[2] != nil || e.Props[3] != true {
		t.Errorf("development-mode error: %+v", e)
	}
	e, _ = kerror.Decode([]byte(kuzzleWire[3].json))
	if e.Class != "" || e.Count != 1 || !strings.HasPrefix(string(e.Errors.(json.RawMessage)), `[{"code":16842763`) {
		t.Errorf("MultipleErrorsError (not in the embedded registry): %+v", e)
	}
	e, _ = kerror.Decode([]byte(kuzzleWire[2].json))
	if e.ID != "" || e.Code != 0 || e.Class != "" || e.Status != 500 || e.Props != nil {
		t.Errorf("native error: %+v", e)
	}
	// Fields set after decoding are written, after the JSON's members.
	e.Stack = "InternalError: native boom"
	if got, _ := e.MarshalJSON(); string(got) != `{"message":"native boom","status":500,"stack":"InternalError: native boom"}` {
		t.Errorf("set after decoding: %s", got)
	}
}

// TestDecodeKerrorOutput: what kerror itself writes reads back, byte for
// byte, negative codes included (json.Unmarshal into an Error failed on
// them: Code is a uint32).
func TestDecodeKerrorOutput(t *testing.T) {
	useRules(t)
	for _, e := range []*kerror.Error{
		kerror.Get("rules", "rules", "two", "a", map[string]any{"k": []int{1}}),
		kerror.Get("rules", "rules", "partial", "x", []error{kerror.New("services.storage.not_found", "a")}),
		kerror.Get("rules", "rules", "multiple", "get", []string{"a", "b"}),
		kerror.Get("rules", "rules", "teapot", uint64(1)<<63, -0.5, nil),
		kerror.New("services.storage.not_fund"),
	} {
		data, err := json.Marshal(e)
		if err != nil {
			t.Fatal(err)
		}
		var back kerror.Error
		if err := json.Unmarshal(data, &back); err != nil {
			t.Errorf("%s: %v", data, err)
			continue
		}
		again, _ := json.Marshal(&back)
		if string(again) != string(data) || back.ID != e.ID || back.Code != e.Code || back.Class != e.Class || back.Status != e.Status || back.Count != e.Count {
			t.Errorf("round trip of %s\n gave %s (%+v)", data, again, back)
		}
	}
}

func TestDecodeResponse(t *testing.T) {
	resp := `{"action":"get","collection":"c","controller":"document","error":` + kuzzleWire[0].json +
		`,"headers":{},"index":"i","node":"knode-1","requestId":"r1","result":null,"status":404,"volatile":null}`
	e, err := kerror.Decode([]byte(resp))
	if err != nil || e.ID != "services.storage.not_found" || e.Class != kerror.NotFoundError {
		t.Fatalf("Decode(response) = %+v, %v", e, err)
	}
	if got, _ := e.MarshalJSON(); string(got) != kuzzleWire[0].json {
		t.Errorf("the error of a response: %s", got)
	}
	if _, err := kerror.Decode([]byte(`{"action":"get","error":null,"result":{},"status":200}`)); err == nil || !strings.Contains(err.Error(), "no error") {
		t.Errorf("a response without an error: %v", err)
	}
}

func TestDecodeRejects(t *testing.T) {
	deep := strings.Repeat(`{"a":`, 2000) + "1" + strings.Repeat("}", 2000)
	for _, tt := range []struct{ in, want string }{
		{``, "EOF"},
		{`[]`, "want an error object, got an array"},
		{`"x"`, "want an error object, got a string"},
		{`{"code":1.5,"message":"m"}`, `"code": want a 32-bit integer`},
		{`{"code":4294967296,"message":"m"}`, `"code": want a 32-bit integer`},
		{`{"status":"404","message":"m"}`, `"status": want an integer`},
		{`{"message":3}`, `"message"`},
		{`{"props":{},"message":"m"}`, `"props": want an array`},
		{`{"message":"m"} {}`, "data after the error object"},
		{`{"message":"m"} x`, "data after the error object"},
		{`{"message":"m","props":[` + deep + `]}`, "nested more than 1000 levels"},
		{`{"message":"m"`, "EOF"},
	} {
		_, err := kerror.Decode([]byte(tt.in))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Decode(%.60s) = %v, want %q", tt.in, err, tt.want)
		}
		var e kerror.Error
		if err := json.Unmarshal([]byte(tt.in), &e); err == nil && tt.in != `` {
			t.Errorf("json.Unmarshal(%.60s) succeeded", tt.in)
		}
	}
	big := `{"message":"` + strings.Repeat("x", 16<<20) + `"}`
	if _, err := kerror.Decode([]byte(big)); err == nil || !strings.Contains(err.Error(), "more than") {
		t.Errorf("Decode of %d bytes: %v", len(big), err)
	}
	var e *kerror.Error
	if err := json.Unmarshal([]byte(`null`), &e); err != nil || e != nil {
		t.Errorf("null: %v %v", e, err)
	}
}

func TestJSONNumberPlaceholder(t *testing.T) {
	e := kerror.New("services.storage.not_found", json.Number("12345678901234567890"), json.Number("1.50"), json.Number("x"))
	if got := marshal(t, e); !strings.Contains(got, `"props":[12345678901234567890,1.5,"x"]`) || e.Message != "Document not found 12345678901234567890 1.5 x" {
		t.Errorf("json.Number placeholders: %q %s", e.Message, got)
	}
}

// FuzzDecode: no input makes Decode panic or hang; what it reads, MarshalJSON
// writes as valid JSON that reads back (json.Unmarshal) to the same bytes.
func FuzzDecode(f *testing.F) {
	for _, w := range kuzzleWire {
		f.Add(w.json)
	}
	f.Add(`{"action":"get","error":{"message":"m","status":500},"requestId":"r","status":500}`)
	f.Add(`{"message":"\ud800 é","props":[{"a":[1,{"b":null}]},"x"],"count":1e400,"errors":"s"}`)
	f.Fuzz(func(t *testing.T, in string) {
		e, err := kerror.Decode([]byte(in))
		if err != nil {
			return
		}
		data, err := e.MarshalJSON()
		if err != nil || !json.Valid(data) {
			t.Fatalf("MarshalJSON of Decode(%q) = %q, %v", in, data, err)
		}
		var back kerror.Error
		if err := json.Unmarshal(data, &back); err != nil {
			t.Fatalf("reading back %s: %v", data, err)
		}
		again, _ := back.MarshalJSON()
		if string(again) != string(data) || back.ID != e.ID || back.Code != e.Code || back.Status != e.Status || back.Count != e.Count {
			t.Fatalf("Decode(%q) wrote %s, read back and written as %s", in, data, again)
		}
	})
}
