package registry

// classStatus maps every Kuzzle error class to its HTTP status. KuzzleError is
// the generic class whose status comes from the entry itself (500 by default).
var classStatus = map[string]int{
	"BadRequestError":           400,
	"ExternalServiceError":      500,
	"ForbiddenError":            403,
	"GatewayTimeoutError":       504,
	"InternalError":             500,
	"KuzzleError":               500,
	"MultipleErrorsError":       400,
	"NotFoundError":             404,
	"PartialError":              206,
	"PluginImplementationError": 500,
	"PreconditionError":         412,
	"ServiceUnavailableError":   503,
	"SizeLimitError":            413,
	"TooManyRequestsError":      429,
	"UnauthorizedError":         401,
}

// ClassStatus returns the HTTP status of a known error class.
func ClassStatus(class string) (status int, ok bool) {
	status, ok = classStatus[class]
	return status, ok
}

// StatusFromEntry reports whether class takes its status from the entry
// (KuzzleError) rather than from the class.
func StatusFromEntry(class string) bool { return class == "KuzzleError" }
