package kerror_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/kerrlint/kerrlint/kerror"
	"github.com/kerrlint/kerrlint/registry"
)

func TestRaise(t *testing.T) {
	cause := errors.New("connection reset")
	storage := kerror.Wrap("services", "storage")
	tests := []struct {
		name   string
		err    *kerror.Error
		id     string
		code   uint32
		status int
		class  kerror.Class
		cause  error
	}{
		{"New", kerror.New("services.storage.not_found"), "services.storage.not_found", 0x0101000b, 404, kerror.NotFoundError, nil},
		{"Get", kerror.Get("services", "storage", "not_found"), "services.storage.not_found", 0x0101000b, 404, kerror.NotFoundError, nil},
		{"NewFrom", kerror.NewFrom(cause, "core.fatal.service_unavailable"), "core.fatal.service_unavailable", 0x00000002, 500, kerror.ExternalServiceError, cause},
		{"GetFrom", kerror.GetFrom(cause, "core", "fatal", "service_unavailable"), "core.fatal.service_unavailable", 0x00000002, 500, kerror.ExternalServiceError, cause},
		{"Scope.Get", storage.Get("not_found"), "services.storage.not_found", 0x0101000b, 404, kerror.NotFoundError, nil},
		{"Scope.GetFrom", storage.GetFrom(cause, "not_found"), "services.storage.not_found", 0x0101000b, 404, kerror.NotFoundError, cause},
		{"typed", kerror.NotFound("services.storage.not_found"), "services.storage.not_found", 0x0101000b, 404, kerror.NotFoundError, nil},
		{"typed mismatch", kerror.BadRequest("services.storage.not_found"), "core.fatal.assertion_failed", 0x00000005, 500, kerror.InternalError, nil},
		{"unknown id", kerror.New("services.storage.not_fund"), "core.fatal.unexpected_error", 0x00000001, 500, kerror.InternalError, nil},
		{"unknown scope", kerror.Wrap("nope", "nope").Get("x"), "core.fatal.unexpected_error", 0x00000001, 500, kerror.InternalError, nil},
	}
	for _, tt := range tests {
		e := tt.err
		if e.ID != tt.id || e.Code != tt.code || e.Status != tt.status || e.Class != tt.class || e.Unwrap() != tt.cause {
			t.Errorf("%s: got %s %s %d %s cause %v", tt.name, e.ID, registry.FormatCode(e.Code), e.Status, e.Class, e.Unwrap())
		}
		if !strings.Contains(e.Stack, "kerror_test.TestRaise") {
			t.Errorf("%s: stack does not name the caller:\n%s", tt.name, e.Stack)
		}
	}
}

func TestUnknownIDCarriesTheID(t *testing.T) {
	e := kerror.New("services.storage.not_fund")
	if !strings.Contains(e.Message, "services.storage.not_fund") || len(e.Props) != 1 || e.Props[0] != "services.storage.not_fund" {
		t.Errorf("message %q, props %v: the unknown id is lost", e.Message, e.Props)
	}
	e = kerror.BadRequest("services.storage.not_found")
	if !strings.Contains(e.Message, "services.storage.not_found is a NotFoundError, not a BadRequestError") {
		t.Errorf("assertion message %q", e.Message)
	}
}

func TestFormat(t *testing.T) {
	tests := []struct {
		format string
		args   []any
		want   string
	}{
		{"Index %s not found", []any{"foo"}, "Index foo not found"},
		{"%s/%s", []any{"a"}, "a/%s"},                  // a missing argument leaves %s
		{"Done.", []any{"a", "b"}, "Done. a b"},        // extra arguments are appended
		{"Done.", []any{1, []int{2}}, "Done. 1 [ 2 ]"}, // ... inspected when not strings
		{"100%% of %s", []any{"x"}, "100% of x"},       // %% is a percent sign
		{"100%% of %s", nil, "100%% of %s"},            // no arguments: unchanged, as util.format
		{"%s %% %s", []any{"x"}, "x % %s"},             // %% still collapses once arguments run out
		{"%d and %s", []any{"x"}, "NaN and %s"},        // %d takes Number(x)
		{"%d %i %f", []any{"42.5", "42.5", "4e2x"}, "42.5 42 400"},
		{"%j|%c|%o", []any{map[string]int{"a": 1}, "css", []int{1}}, `{"a":1}||[ 1, [length]: 1 ]`},
		{"trailing %", []any{"x"}, "trailing % x"},
		{"%x %s", []any{"x"}, "%x x"}, // unknown verbs stay
	}
	for _, tt := range tests {
		if got := kerror.Format(tt.format, tt.args...); got != tt.want {
			t.Errorf("Format(%q, %#v) = %q, want %q", tt.format, tt.args, got, tt.want)
		}
	}
}

func TestJSON(t *testing.T) {
	e := kerror.New("services.storage.not_found", "idx", 42)
	data, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	// Kuzzle's toJSON() order; numbers stay numbers in props.
	want := `{"code":16842763,"id":"services.storage.not_found","message":"Document not found idx 42","props":["idx",42],"stack":"NotFoundError: Document not found idx 42\n    at `
	if !strings.HasPrefix(string(data), want) || !strings.HasSuffix(string(data), `","status":404}`) {
		t.Errorf("JSON = %s", data)
	}
	data, _ = json.Marshal(&kerror.Error{ID: "x"})
	if string(data) != `{"code":0,"id":"x","message":"","props":[],"status":0}` {
		t.Errorf("props must be an array, stack omitted when empty: %s", data)
	}
}

func TestIs(t *testing.T) {
	inner := kerror.New("services.storage.not_found")
	outer := kerror.NewFrom(inner, "core.fatal.unexpected_error")
	wrapped := fmt.Errorf("loading: %w", outer)
	joined := errors.Join(errors.New("x"), wrapped)
	for _, id := range []string{"services.storage.not_found", "core.fatal.unexpected_error"} {
		for _, err := range []error{wrapped, joined} {
			if !kerror.Is(err, id) {
				t.Errorf("Is(%v, %s) = false", err, id)
			}
		}
	}
	if kerror.Is(joined, "security.token.expired") || kerror.Is(nil, "core.fatal.unexpected_error") {
		t.Error("Is matched an id the chain does not hold")
	}
}

func TestDefine(t *testing.T) {
	d := kerror.Define("shop.cart.item_missing", 0x20010001, kerror.NotFoundError, "Item %s is missing from cart %s")
	if err := d.Err(); err != nil {
		t.Fatal(err)
	}
	e := d.New("apple", "c1")
	if e.ID != "shop.cart.item_missing" || e.Status != 404 || e.Message != "Item apple is missing from cart c1" {
		t.Errorf("New = %+v", e)
	}
	if e := kerror.New("shop.cart.item_missing", "pear", "c2"); e.Code != 0x20010001 {
		t.Errorf("kerror.New of a defined id = %+v", e)
	}
	bad := []struct {
		id      string
		code    uint32
		class   kerror.Class
		msg     string
		want    string
		verdict registry.DefineVerdict
	}{
		{"shop.cart.item_missing", 0x20010002, kerror.NotFoundError, "m", "already defined", registry.DefineDuplicateID},
		{"shop.cart.other", 0x20010001, kerror.NotFoundError, "m", "already taken by shop.cart.item_missing", registry.DefineDuplicateCode},
		{"shop.cart.dup", 0x0101000b, kerror.NotFoundError, "m", "already taken by services.storage.not_found", registry.DefineDuplicateCode},
		{"services.storage.not_found", 0x0101ff00, kerror.NotFoundError, "m", "already registered", registry.DefineDuplicateID},
		{"Shop.cart.x", 0x20010009, kerror.NotFoundError, "m", "which is domain shop, not Shop", registry.DefineInvalid},
		{"shop.cart", 0x20010009, kerror.NotFoundError, "m", "malformed id", registry.DefineInvalid},
		{"shop.bag.x", 0x20010009, kerror.NotFoundError, "m", "which is shop.cart, not shop.bag", registry.DefineInvalid},
		{"shop.cart.y", 0x20010009, "Nope", "m", "unknown class", registry.DefineInvalid},
		{"shop.cart.z", 0x20010000, kerror.NotFoundError, "m", "error number 0", registry.DefineInvalid},
		{"shop.cart.w", 0x2001000a, kerror.NotFoundError, "", "empty message", registry.DefineInvalid},
	}
	for _, b := range bad {
		d := kerror.Define(b.id, b.code, b.class, b.msg)
		if d.Err() == nil || !strings.Contains(d.Err().Error(), b.want) {
			t.Errorf("Define(%s, %#x) error = %v, want %q", b.id, b.code, d.Err(), b.want)
			continue
		}
		if de, ok := registry.AsDefineError(d.Err()); !ok || de.Verdict != b.verdict {
			t.Errorf("Define(%s, %#x) error = %#v, want verdict %d", b.id, b.code, d.Err(), b.verdict)
		}
		if e := d.New(); e.ID != "core.fatal.unexpected_error" || !strings.Contains(e.Message, b.want) {
			t.Errorf("raising an invalid definition = %+v", e)
		}
	}
}

func TestInstall(t *testing.T) {
	r, err := registry.New([]*registry.Entry{{ID: "billing.invoice.overdue", Domain: "billing", Subdomain: "invoice", Name: "overdue", Code: 0x30010001, Class: "PreconditionError", Status: 412, Description: "Invoice overdue", Message: "Invoice %s is overdue"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := kerror.Install(r); err != nil {
		t.Fatal(err)
	}
	if e := kerror.Precondition("billing.invoice.overdue", "I-1"); e.Message != "Invoice I-1 is overdue" {
		t.Errorf("raise after Install = %+v", e)
	}
	if err := kerror.InstallFS(nil, "codes"); err == nil {
		t.Error("InstallFS of a nil file system succeeded")
	}
	if err := kerror.UseFS(nil, "codes"); err == nil {
		t.Error("UseFS of a nil file system succeeded")
	}
	conflict, _ := registry.New([]*registry.Entry{{ID: "billing.invoice.late", Domain: "billing", Subdomain: "invoice", Name: "late", Code: 0x30010001, Class: "PreconditionError", Status: 412, Description: "d"}})
	if err := kerror.Install(conflict); err == nil {
		t.Error("Install of a conflicting registry succeeded")
	}
}

func TestClassesMatchTheRegistry(t *testing.T) {
	for _, c := range []kerror.Class{kerror.BadRequestError, kerror.NotFoundError, kerror.TooManyRequestsError, kerror.PartialError} {
		want, ok := registry.ClassStatus(string(c))
		if !ok || c.Status() != want {
			t.Errorf("%s.Status() = %d, registry says %d, %v", c, c.Status(), want, ok)
		}
	}
}
