// want package:"exports"

// Package funcs has raising functions that kerrlint learns from -funcs only.
package funcs

import (
	"errors"

	"github.com/kerrlint/kerrlint/kerror"
)

// Fail hides the id in a map before raising it: no wrapper is inferred.
func Fail(msg, id string) error {
	m := map[string]string{"id": id}
	return kerror.New(m["id"], msg)
}

// Client raises through a method.
type Client struct{}

// Raise does not raise a kerror: no wrapper is inferred.
func (c *Client) Raise(id string) error { return errors.New(id) }

func use(c *Client) {
	_ = Fail("boom", "services.storage.not_fund") // want `unknown error id "services.storage.not_fund"`
	_ = c.Raise("services.storage.nto_found")     // want `unknown error id "services.storage.nto_found"`
	_ = Fail("boom", "services.storage.not_found")
	_ = Other("services.storage.not_fund") // want `-funcs names parameter "id", but funcs.Other has no string parameter of that name`
}

// Other has no parameter named id.
func Other(key string) error { return nil }
