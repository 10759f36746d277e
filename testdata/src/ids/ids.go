// Package ids declares error ids used by other test packages.
package ids

const (
	NotFound = "services.storage.not_found"
	Typo     = "services.storage.not_fuond"
	Storage  = "storage"
)
