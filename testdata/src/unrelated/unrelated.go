// Package unrelated does not reach kerror: nothing here is an id position.
package unrelated

type Error struct{ ID string }

func New(id string) *Error { return &Error{ID: id} }

func f(e *Error) bool {
	_ = New("services.storage.not_fund")
	_ = Error{ID: "security.token.invlid"}
	return e.ID == "services.storage.not_fund"
}
