package kerror

// Typed constructors raise an id and assert its class: an id of another class
// yields core.fatal.assertion_failed naming both (kerrlint reports it statically
// as class-mismatch).

// BadRequest raises id, which must be a BadRequestError.
func BadRequest(id string, placeholders ...any) *Error {
	return raise(nil, id, BadRequestError, placeholders)
}

// Unauthorized raises id, which must be a UnauthorizedError.
func Unauthorized(id string, placeholders ...any) *Error {
	return raise(nil, id, UnauthorizedError, placeholders)
}

// Forbidden raises id, which must be a ForbiddenError.
func Forbidden(id string, placeholders ...any) *Error {
	return raise(nil, id, ForbiddenError, placeholders)
}

// NotFound raises id, which must be a NotFoundError.
func NotFound(id string, placeholders ...any) *Error {
	return raise(nil, id, NotFoundError, placeholders)
}

// Precondition raises id, which must be a PreconditionError.
func Precondition(id string, placeholders ...any) *Error {
	return raise(nil, id, PreconditionError, placeholders)
}

// SizeLimit raises id, which must be a SizeLimitError.
func SizeLimit(id string, placeholders ...any) *Error {
	return raise(nil, id, SizeLimitError, placeholders)
}

// TooManyRequests raises id, which must be a TooManyRequestsError.
func TooManyRequests(id string, placeholders ...any) *Error {
	return raise(nil, id, TooManyRequestsError, placeholders)
}

// Internal raises id, which must be a InternalError.
func Internal(id string, placeholders ...any) *Error {
	return raise(nil, id, InternalError, placeholders)
}

// ExternalService raises id, which must be a ExternalServiceError.
func ExternalService(id string, placeholders ...any) *Error {
	return raise(nil, id, ExternalServiceError, placeholders)
}

// PluginImplementation raises id, which must be a PluginImplementationError.
func PluginImplementation(id string, placeholders ...any) *Error {
	return raise(nil, id, PluginImplementationError, placeholders)
}

// ServiceUnavailable raises id, which must be a ServiceUnavailableError.
func ServiceUnavailable(id string, placeholders ...any) *Error {
	return raise(nil, id, ServiceUnavailableError, placeholders)
}

// GatewayTimeout raises id, which must be a GatewayTimeoutError.
func GatewayTimeout(id string, placeholders ...any) *Error {
	return raise(nil, id, GatewayTimeoutError, placeholders)
}

// Partial raises id, which must be a PartialError.
func Partial(id string, placeholders ...any) *Error {
	return raise(nil, id, PartialError, placeholders)
}

// MultipleErrors raises id, which must be a MultipleErrorsError.
func MultipleErrors(id string, placeholders ...any) *Error {
	return raise(nil, id, MultipleErrorsError, placeholders)
}
