// Package ids is plain: a string type.
package ids

// ID is an error id.
type ID string
