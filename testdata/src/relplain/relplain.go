// Package relplain imports a package that raises but exports nothing that
// concerns kerror: it is not relevant, so it has no fact, and nothing in it
// is an id.
package relplain

import "relraise"

// Twice works twice.
func Twice(n int) (int, error) {
	m, err := relraise.Work(n)
	if err != nil {
		return 0, err
	}
	return relraise.Work(m)
}
