package registry

// ClassInfo describes a Kuzzle error class: its HTTP status, the kerror
// typed constructor that raises it (none for KuzzleError), and net/http's
// name for the status. It is the one table every part of kerrlint derives
// its class knowledge from.
type ClassInfo struct {
	Name        string // "NotFoundError"
	Status      int    // 404
	Constructor string // "NotFound"
	StatusConst string // "StatusNotFound"
}

// classes lists Kuzzle's error classes (npm kuzzle@2.56.0,
// dist/lib/kerror/errors). KuzzleError is the generic class whose status
// comes from the entry itself (500 by default).
var classes = []ClassInfo{
	{"BadRequestError", 400, "BadRequest", "StatusBadRequest"},
	{"ExternalServiceError", 500, "ExternalService", "StatusInternalServerError"},
	{"ForbiddenError", 403, "Forbidden", "StatusForbidden"},
	{"GatewayTimeoutError", 504, "GatewayTimeout", "StatusGatewayTimeout"},
	{"InternalError", 500, "Internal", "StatusInternalServerError"},
	{"KuzzleError", 500, "", "StatusInternalServerError"},
	{"MultipleErrorsError", 400, "MultipleErrors", "StatusBadRequest"},
	{"NotFoundError", 404, "NotFound", "StatusNotFound"},
	{"PartialError", 206, "Partial", "StatusPartialContent"},
	{"PluginImplementationError", 500, "PluginImplementation", "StatusInternalServerError"},
	{"PreconditionError", 412, "Precondition", "StatusPreconditionFailed"},
	{"ServiceUnavailableError", 503, "ServiceUnavailable", "StatusServiceUnavailable"},
	{"SizeLimitError", 413, "SizeLimit", "StatusRequestEntityTooLarge"},
	{"TooManyRequestsError", 429, "TooManyRequests", "StatusTooManyRequests"},
	{"UnauthorizedError", 401, "Unauthorized", "StatusUnauthorized"},
}

// Classes returns Kuzzle's error classes, sorted by name.
func Classes() []ClassInfo { return append([]ClassInfo(nil), classes...) }

// LookupClass returns the class named name.
func LookupClass(name string) (ClassInfo, bool) {
	for _, c := range classes {
		if c.Name == name {
			return c, true
		}
	}
	return ClassInfo{}, false
}

// ClassStatus returns the HTTP status of a known error class.
func ClassStatus(class string) (status int, ok bool) {
	c, ok := LookupClass(class)
	return c.Status, ok
}

// StatusFromEntry reports whether class takes its status from the entry
// (KuzzleError) rather than from the class.
func StatusFromEntry(class string) bool { return class == "KuzzleError" }
