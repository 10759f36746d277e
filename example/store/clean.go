package store

import "github.com/kerrlint/kerrlint/kerror"

// Count fails when the store is not ready; kerrlint has nothing to say here.
func (s *Store) Count() (int, error) {
	if s.docs == nil {
		return 0, kerror.New("core.fatal.service_unavailable", "store")
	}
	return len(s.docs), nil
}
