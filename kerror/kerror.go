package kerror

import (
	"encoding/json"
	"fmt"
	"reflect"
	"runtime"
	"slices"
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

// Status returns the HTTP status of the class, 500 for an unknown one (and
// for KuzzleError, whose entries may carry their own).
func (c Class) Status() int {
	if s, ok := registry.ClassStatus(string(c)); ok {
		return s
	}
	return 500
}

// Error is a raised registry error. Its JSON form is Kuzzle's toJSON(),
// field for field and in the same order: code, id, message, props, stack,
// status, and for the two body classes errors and count.
type Error struct {
	ID      string
	Code    uint32
	Status  int
	Class   Class
	Message string
	// Props holds the placeholders as given (the body of a PartialError or
	// MultipleErrorsError and a trailing WithMessage option excluded); for a
	// decoded error, the JSON's values (see UnmarshalJSON).
	Props []any
	// Errors is the body of a PartialError or MultipleErrorsError: the last
	// placeholder, as given ([]any{} when there is none). Nil for other classes.
	Errors any
	// Count is the body's length as Kuzzle reads it (body.length): the
	// number of elements of a slice, the UTF-16 length of a string; for a
	// decoded error, the JSON's count.
	Count int
	Stack string // where the error was raised, as a JavaScript-style stack
	cause error
	wire  []member // the members of the JSON a decoded error was read from
}

func (e *Error) Error() string { return e.Message }

// Unwrap returns the cause given to NewFrom, GetFrom or Scope.GetFrom.
func (e *Error) Unwrap() error { return e.cause }

var _ json.Marshaler = (*Error)(nil)

// MarshalJSON writes what JSON.stringify writes for the same Kuzzle error
// (the code as a signed 32-bit number, as Kuzzle computes it). It never
// fails: where JSON.stringify would throw (a cycle) or the output would pass
// its bound, it writes "[Circular]" or "[Truncated]" (see the package
// documentation).
func (e *Error) MarshalJSON() ([]byte, error) {
	return []byte(stringify(newConverter().errorObject(e, 0), maxJSON)), nil
}

// errorObject is the object Kuzzle's toJSON() returns for e, one per error
// (an error in its own body is a cycle).
func (c *converter) errorObject(e *Error, depth int) jsValue {
	key := refKey{typ: typeKerror, ptr: reflect.ValueOf(e).Pointer()}
	if o, ok := c.memo[key]; ok {
		return o
	}
	o := jsValue{kind: jsObject, obj: &jsObj{isError: true}}
	c.memo[key] = o
	if e.wire != nil {
		c.decodedObject(e, o.obj, depth)
		return o
	}
	props := jsArrayOf(make([]jsValue, len(e.Props)))
	for i, p := range e.Props {
		props.obj.elems[i] = c.value(reflect.ValueOf(p), depth+1)
	}
	add := func(k string, v jsValue) { o.obj.keys, o.obj.vals = append(o.obj.keys, k), append(o.obj.vals, v) }
	// Kuzzle computes codes with JavaScript's 32-bit signed bit operators:
	// a domain code from 128 up gives a negative code.
	add("code", jsValue{kind: jsNumber, num: float64(int32(e.Code))})
	add("id", jsStr(e.ID))
	add("message", jsStr(e.Message))
	add("props", props)
	if e.Stack != "" {
		add("stack", jsStr(e.Stack))
	}
	add("status", jsValue{kind: jsNumber, num: float64(e.Status)})
	if e.Class.hasBody() {
		body := jsArrayOf(nil)
		if e.Errors != nil {
			body = c.value(reflect.ValueOf(e.Errors), depth+1)
		}
		count, hasCount := body.length()
		if e.Class == PartialError {
			add("errors", body)
		}
		if hasCount {
			add("count", count)
		}
		if e.Class == MultipleErrorsError {
			add("errors", body)
		}
	}
	return o
}

// hasBody reports whether Kuzzle takes the last placeholder of the class as
// its body.
func (c Class) hasBody() bool { return c == PartialError || c == MultipleErrorsError }

// Option is Kuzzle's trailing options object ({message}); see WithMessage.
type Option struct{ message string }

// WithMessage, as the last placeholder, replaces the formatted message with
// msg, as Kuzzle's trailing {message} option does (an empty msg replaces
// nothing). Elsewhere it is a placeholder like any other, the object
// {message: msg}.
func WithMessage(msg string) Option { return Option{message: msg} }

// PluginSentence is what Kuzzle appends to the message of every
// PluginImplementationError.
const PluginSentence = "\nThis is probably not a Kuzzle error, but a problem with a plugin implementation."

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
	placeholders, opt := splitOption(placeholders)
	s := load()
	e, ok := s.lookup(id)
	if !ok {
		return s.fatal(cause, "unexpected_error", id)
	}
	if want != "" && Class(e.Class) != want {
		return s.fatal(cause, "assertion_failed", fmt.Sprintf("%s is a %s, not a %s", id, e.Class, want))
	}
	return build(cause, e, placeholders, opt)
}

// splitOption takes a trailing Option off the placeholders, as Kuzzle pops
// a trailing options object (before it looks the id up).
func splitOption(placeholders []any) ([]any, *Option) {
	if n := len(placeholders); n > 0 {
		if o, ok := placeholders[n-1].(Option); ok {
			return placeholders[:n-1], &o
		}
	}
	return placeholders, nil
}

// fatal raises core.fatal.<name> of the registry in use, or of the embedded
// registry when the one in use lacks it, with detail as its placeholder.
func (s *state) fatal(cause error, name string, detail string) *Error {
	e, ok := s.reg.Lookup("core.fatal." + name)
	if !ok {
		e, _ = registry.Default().Lookup("core.fatal." + name)
	}
	return build(cause, e, []any{detail}, nil)
}

// build raises entry e as Kuzzle's rawGet does.
func build(cause error, e *registry.Entry, placeholders []any, opt *Option) *Error {
	class := Class(e.Class)
	err := &Error{ID: e.ID, Code: e.Code, Class: class, Status: class.Status(), cause: cause}
	if class == KuzzleError && e.Status != 0 {
		err.Status = e.Status
	}
	if class.hasBody() {
		err.Errors = []any{}
		if n := len(placeholders); n > 0 {
			if body := placeholders[n-1]; body != nil {
				err.Errors = body
			}
			placeholders = placeholders[:n-1]
		}
		if n, ok := toJS(err.Errors).length(); ok && n.kind == jsNumber {
			err.Count = int(n.num)
		}
	}
	if len(placeholders) > 0 {
		err.Props = slices.Clone(placeholders)
	}
	if opt != nil && opt.message != "" {
		err.Message = opt.message
	} else {
		format := e.Message
		if format == "" {
			format = e.Description // the embedded registry has no message formats
		}
		args := make([]jsValue, len(placeholders))
		for i, p := range placeholders {
			args[i] = toJS(p)
		}
		err.Message = utilFormat(format, args)
	}
	if class == PluginImplementationError {
		err.Message += PluginSentence
	}
	err.Stack = stack(string(class), err.Message)
	return err
}

// Format is Node's util.format(format, ...args) applied to the JavaScript
// equivalents of Go values: what Kuzzle makes of a message format and its
// placeholders (see the package documentation).
func Format(format string, args ...any) string {
	js := make([]jsValue, len(args))
	for i, a := range args {
		js[i] = toJS(a)
	}
	return utilFormat(format, js)
}

// stack describes the caller of the kerror function, as a JavaScript-style
// stack: the first line is "Class: message".
func stack(class, msg string) string {
	var pcs [16]uintptr
	n := runtime.Callers(4, pcs[:]) // runtime.Callers, stack, build, raise
	frames := runtime.CallersFrames(pcs[:n])
	var b strings.Builder
	b.WriteString(class + ": " + msg)
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
