// Package kerror raises errors from a Kuzzle-style error-code registry, the
// way Kuzzle's kerror module does: by id (services.storage.not_found), with
// the registered code, class, HTTP status and message. For the same call
// and the same codes it produces the JSON Kuzzle 2.56 produces (stack
// aside); a conformance suite holds it to kuzzle@2.56.0 itself.
//
// The registry in use is the embedded one (Kuzzle 1.12) until Use or UseFS
// replaces it (e.g. with the codes of a Kuzzle 2.x version, embedded with
// //go:embed) or Install or InstallFS merges codes over it. Raising reads the
// registry without locking and is safe while it is replaced.
//
// Kuzzle's rules:
//   - The message is util.format(message, ...placeholders) of Node: %s
//     (and %d, %i, %f, %j, %o, %O, %c, %%) consume placeholders in order, a
//     %s left without one stays, extra placeholders are appended after a
//     space (strings as they are, other values as util.inspect prints them).
//   - A trailing WithMessage(msg) replaces the message (unless msg is
//     empty); anywhere else it is the placeholder {message: msg}.
//   - For a PartialError or MultipleErrorsError the last placeholder is the
//     body: JSON "errors" (and "count", its length), not a placeholder; with
//     no placeholder at all the body is [].
//   - A PluginImplementationError's message ends with PluginSentence.
//   - A KuzzleError takes its status from its entry (500 when it has none);
//     every other class has its class's status.
//   - Props holds the placeholders as given; in JSON numbers stay numbers.
//   - An unknown id (any part holding a dot or a bracket is unknown, as for
//     Kuzzle's lodash.get) yields core.fatal.unexpected_error carrying the
//     id, from the registry in use or, when it lacks it, the embedded one.
//     Never a panic; the kerrlint analyzer reports such ids before the code
//     runs.
//   - JSON is toJSON()'s: code, id, message, props, stack, status, then
//     errors and count (PartialError) or count and errors
//     (MultipleErrorsError); the code is a signed 32-bit number, as
//     Kuzzle's bit operators make it (negative from domain 128 up).
//
// A Go placeholder stands for the JavaScript value Kuzzle would receive:
// strings, booleans and every integer and float kind are strings, booleans
// and numbers (-0, NaN and ±Infinity included; NaN and Infinity are null in
// JSON, -0 is 0); nil and nil pointers are null; slices and arrays are
// arrays (a nil slice is []); maps are objects (keys sorted, array-index keys
// first as in JavaScript); structs and json.Marshaler values are the object
// JSON.parse makes of their encoding/json form; time.Time is a Date;
// json.Number is the number it spells (as encoding/json writes it). Where
// Node has no equivalent: an error is its Error() text (Node would print a
// JavaScript error's stack); a fmt.Stringer prints String() in a message and
// is its underlying value in JSON; an integer beyond ±2^53 is printed with all
// its digits (Node prints the nearest double); a float32 has its shortest
// float32 digits; []byte is its text; complex numbers, functions and channels
// are their %v text. Only WithMessage is an options object: a map or struct
// in last position stays a placeholder (Kuzzle would take a plain object
// there as its options). Where Kuzzle throws a TypeError (a nil body, an id
// whose name resolves to a property of another entry or of Object.prototype)
// the Go runtime answers: an empty body, core.fatal.unexpected_error.
// json.Marshal escapes <, > and & in strings; MarshalJSON itself writes them
// as JSON.stringify does.
//
// Formatting never panics and never hangs, whatever the placeholders (a
// service raises errors on its error path):
//   - A String or Error method that panics prints what fmt prints for it,
//     %!v(PANIC=String method: <value>); a MarshalJSON or MarshalText that
//     panics is treated as one that fails (the value is its %v text; a map key
//     is named by its kind). Node would throw from util.format or
//     JSON.stringify there.
//   - A map, slice or pointer referenced twice is one JavaScript object
//     referenced twice, converted once: a value holding itself
//     (m["a"], m["b"] = m, m) prints as util.inspect prints it,
//     <ref *1> { a: [Circular *1], b: [Circular *1] }, and in JSON (where
//     JSON.stringify throws) the reference is the string "[Circular]"; %j of
//     such a value is [Circular], as util.format's. A struct goes through
//     encoding/json, so what it would walk is measured first: a struct
//     holding a cycle is "[Circular]" (encoding/json would fail after 1000
//     levels, each branching).
//   - Shared substructure is written each time it is met, as Node does, so a
//     DAG of shared maps expands exponentially: expansion stops once the
//     message holds 1 MiB (util.inspect then ends each array and object with
//     "...") or the JSON 16 MiB (the next array or object is the string
//     "[Truncated]", and nothing follows it in its parent; an error's own
//     fields are always written). Values nested deeper than 1000 levels are
//     "[Truncated]". Work is linear in the size of the Go value, plus the
//     bounded output.
//
// Go clients of Kuzzle read its errors back with Decode (or json.Unmarshal
// into an Error): an error object as Kuzzle sends it, alone or in a
// response, in production or development mode, negative codes and the
// bodies of PartialError and MultipleErrorsError included. The class comes
// from the registry in use, by id; Is and errors.As work on the result, and
// MarshalJSON writes back the bytes JSON.stringify wrote.
package kerror
