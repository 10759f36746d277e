// Package kerror raises errors from a Kuzzle-style error-code registry, the
// way Kuzzle's kerror module does: by id (services.storage.not_found), with
// the registered code, class, HTTP status and message.
//
// An id nobody registered yields core.fatal.unexpected_error, as in Kuzzle,
// never a panic; the kerrlint analyzer reports such ids before the code runs.
package kerror

import (
	"encoding/json"
	"fmt"
	"runtime"
	"strings"

	"github.com/kerrlint/kerrlint/registry"
)

// Class is a Kuzzle error class; it decides the HTTP status.
type Class string

// The Kuzzle error classes.
const (
	BadRequestError           Class = "BadRequestError"
	ExternalServiceError      Class = "ExternalServiceError"
	ForbiddenError            Class = "ForbiddenError"
	GatewayTimeoutError       Class = "GatewayTimeoutError"
	InternalError             Class = "InternalError"
	KuzzleError               Class = "KuzzleError"
	MultipleErrorsError       Class = "MultipleErrorsError"
	NotFoundError             Class = "NotFoundError"
	PartialError              Class = "PartialError"
	PluginImplementationError Class = "PluginImplementationError"
	PreconditionError         Class = "PreconditionError"
	ServiceUnavailableError   Class = "ServiceUnavailableError"
	SizeLimitError            Class = "SizeLimitError"
	TooManyRequestsError      Class = "TooManyRequestsError"
	UnauthorizedError         Class = "UnauthorizedError"
)

// Status returns the HTTP status of the class, 500 for an unknown one.
func (c Class) Status() int {
	if s, ok := registry.ClassStatus(string(c)); ok {
		return s
	}
	return 500
}

// Error is a raised registry error. Its JSON form is Kuzzle's:
// {"id", "code", "status", "message", "props", "stack"}.
type Error struct {
	ID      string   `json:"id"`
	Code    uint32   `json:"code"`
	Status  int      `json:"status"`
	Message string   `json:"message"`
	Props   []string `json:"props"`           // the placeholders, formatted
	Stack   string   `json:"stack,omitempty"` // where the error was raised
	Class   Class    `json:"-"`
	cause   error
}

func (e *Error) Error() string { return e.Message }

// Unwrap returns the cause given to NewFrom, GetFrom or Scope.GetFrom.
func (e *Error) Unwrap() error { return e.cause }

var _ json.Marshaler = (*Error)(nil)

// MarshalJSON writes Kuzzle's JSON form, props always an array.
func (e *Error) MarshalJSON() ([]byte, error) {
	type plain Error
	c := *e
	if c.Props == nil {
		c.Props = []string{}
	}
	return json.Marshal((*plain)(&c))
}

// New raises the error registered under id, filling the %s of its message
// with placeholders in order.
func New(id string, placeholders ...any) *Error {
	return raise(nil, id, "", placeholders)
}

// Get raises domain.subdomain.name.
func Get(domain, subdomain, name string, placeholders ...any) *Error {
	return raise(nil, domain+"."+subdomain+"."+name, "", placeholders)
}

// NewFrom is New with a cause, returned by Unwrap.
func NewFrom(cause error, id string, placeholders ...any) *Error {
	return raise(cause, id, "", placeholders)
}

// GetFrom is Get with a cause, returned by Unwrap.
func GetFrom(cause error, domain, subdomain, name string, placeholders ...any) *Error {
	return raise(cause, domain+"."+subdomain+"."+name, "", placeholders)
}

// Scope raises the errors of one subdomain, as Kuzzle's kerror.wrap.
type Scope struct{ domain, subdomain string }

// Wrap returns the scope of domain.subdomain.
func Wrap(domain, subdomain string) Scope { return Scope{domain, subdomain} }

// Get raises domain.subdomain.name.
func (s Scope) Get(name string, placeholders ...any) *Error {
	return raise(nil, s.domain+"."+s.subdomain+"."+name, "", placeholders)
}

// GetFrom is Get with a cause, returned by Unwrap.
func (s Scope) GetFrom(cause error, name string, placeholders ...any) *Error {
	return raise(cause, s.domain+"."+s.subdomain+"."+name, "", placeholders)
}

// Is reports whether err, or any error it wraps, is a *Error raised for id.
func Is(err error, id string) bool {
	for err != nil {
		if e, ok := err.(*Error); ok && e.ID == id {
			return true
		}
		switch u := err.(type) {
		case interface{ Unwrap() error }:
			err = u.Unwrap()
		case interface{ Unwrap() []error }:
			for _, inner := range u.Unwrap() {
				if Is(inner, id) {
					return true
				}
			}
			return false
		default:
			return false
		}
	}
	return false
}

// raise builds the error for id; want, when set, is the class the caller
// asserts (typed constructors).
func raise(cause error, id string, want Class, placeholders []any) *Error {
	e, ok := lookup(id)
	if !ok {
		return fatal(cause, "unexpected_error", id)
	}
	if want != "" && Class(e.Class) != want {
		return fatal(cause, "assertion_failed", fmt.Sprintf("%s is a %s, not a %s", id, e.Class, want))
	}
	return build(cause, e, placeholders)
}

// fatal raises core.fatal.<name>, which every registry has (it is embedded).
func fatal(cause error, name string, detail string) *Error {
	e, _ := registry.Default().Lookup("core.fatal." + name)
	return build(cause, e, []any{detail})
}

func build(cause error, e *registry.Entry, placeholders []any) *Error {
	props := make([]string, len(placeholders))
	for i, p := range placeholders {
		props[i] = fmt.Sprint(p)
	}
	format := e.Message
	if format == "" {
		format = e.Description
	}
	msg := Format(format, props)
	return &Error{
		ID: e.ID, Code: e.Code, Status: e.Status, Class: Class(e.Class),
		Message: msg, Props: props, Stack: stack(e.ID, msg), cause: cause,
	}
}

// Format fills the %s of a Kuzzle message format in order, as Node's
// util.format does: %% is a percent sign, a %s without an argument stays,
// and arguments left over are appended, separated by spaces.
func Format(format string, args []string) string {
	if len(args) == 0 {
		return format
	}
	var b strings.Builder
	next := 0
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' || i+1 == len(format) {
			b.WriteByte(c)
			continue
		}
		switch format[i+1] {
		case 's':
			if next < len(args) {
				b.WriteString(args[next])
				next++
			} else {
				b.WriteString("%s")
			}
			i++
		case '%':
			b.WriteByte('%')
			i++
		default:
			b.WriteByte(c)
		}
	}
	for _, a := range args[next:] {
		b.WriteByte(' ')
		b.WriteString(a)
	}
	return b.String()
}

// stack describes the caller of the kerror function, as a JavaScript-style
// stack: the first line is "id: message".
func stack(id, msg string) string {
	var pcs [16]uintptr
	n := runtime.Callers(4, pcs[:]) // runtime.Callers, stack, build, raise
	frames := runtime.CallersFrames(pcs[:n])
	var b strings.Builder
	b.WriteString(id + ": " + msg)
	for {
		f, more := frames.Next()
		if !strings.HasPrefix(f.Function, "github.com/kerrlint/kerrlint/kerror.") && f.Function != "" {
			fmt.Fprintf(&b, "\n    at %s (%s:%d)", f.Function, f.File, f.Line)
		}
		if !more {
			break
		}
	}
	return b.String()
}

// callerOutside returns the first caller outside package kerror.
func callerOutside() (pc uintptr, file string, line int, ok bool) {
	for skip := 2; ; skip++ {
		pc, file, line, ok = runtime.Caller(skip)
		if !ok {
			return
		}
		if fn := runtime.FuncForPC(pc); fn == nil || !strings.HasPrefix(fn.Name(), "github.com/kerrlint/kerrlint/kerror.") {
			return
		}
	}
}
