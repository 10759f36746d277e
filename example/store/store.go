// Package store is a small service that raises Kuzzle errors, with the
// mistakes kerrlint exists to catch.
package store

import (
	"errors"
	"net/http"

	"github.com/kerrlint/kerrlint/kerror"
)

var storage = kerror.Wrap("services", "storage")

// Document is a stored document.
type Document struct{ ID, Body string }

// Store keeps documents in memory.
type Store struct{ docs map[string]Document }

// Get returns the document id of index.
func (s *Store) Get(index, id string) (Document, error) {
	if index == "" {
		return Document{}, kerror.New("api.assert.missing_argument", "index")
	}
	doc, ok := s.docs[id]
	if !ok {
		return Document{}, kerror.New("services.storage.not_fund", id) // a typo: Kuzzle would answer 500
	}
	return doc, nil
}

// Put stores doc.
func (s *Store) Put(index string, doc Document) error {
	if _, exists := s.docs[doc.ID]; exists {
		return kerror.Precondition("services.storage.document_already_exists", doc.ID) // wrong class
	}
	if len(s.docs) > 1000 {
		return storage.Get("write_limit_exceded") // a typo, through a scope
	}
	s.docs[doc.ID] = doc
	return nil
}

// Delete removes a document.
func (s *Store) Delete(id string) error {
	if _, ok := s.docs[id]; !ok {
		return &kerror.Error{ID: "services.storage.not_found", Status: http.StatusBadRequest} // wrong status
	}
	delete(s.docs, id)
	return nil
}

// IsMissing reports whether err means a document is missing.
func IsMissing(err error) bool {
	var ke *kerror.Error
	return errors.As(err, &ke) && ke.ID == "services.storage.notfound" // never true
}
