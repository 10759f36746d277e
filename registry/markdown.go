package registry

import (
	"bufio"
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

const markdownHeader = `---
code: false
type: page
title: Codes
description: error codes definitions
order: 500
---

[//]: # (This documentation is auto-generated)
[//]: # (If you need to update this page, execute: npm run doc-error-codes)

# Error codes


`

// The table header really has 3 columns over a 4-column separator: Kuzzle's
// generator writes it that way and the page is reproduced byte for byte.
const markdownTable = "| Id | Error Type (Status Code)             | Message           |\n" +
	"| ------ | -----------------| ------------------ | ------------------ |\n"

// Markdown renders the registry as Kuzzle's published error-codes page
// (doc/1/api/essentials/errors/codes): domains, then subdomains, in code order.
func (r *Registry) Markdown() []byte {
	var b bytes.Buffer
	b.WriteString(markdownHeader)
	for i, e := range r.entries {
		var prev *Entry
		if i > 0 {
			prev = r.entries[i-1]
		}
		newDomain := prev == nil || prev.Code>>24 != e.Code>>24
		newSub := newDomain || prev.Code>>16 != e.Code>>16
		if newSub && prev != nil {
			b.WriteString("\n---\n\n")
			if newDomain {
				b.WriteString("---\n")
			}
		}
		if newDomain {
			fmt.Fprintf(&b, "\n## 0x%02x: %s\n\n\n", e.Code>>24, e.Domain)
		}
		if newSub {
			fmt.Fprintf(&b, "\n### Subdomain: 0x%04x: %s\n\n%s", e.Code>>16, e.Subdomain, markdownTable)
		}
		fmt.Fprintf(&b, "| %s<br/><pre>%s</pre> | [%s](/core/1/api/essentials/errors/handling#%s) <pre>(%d)</pre> | %s |\n",
			e.ID, FormatCode(e.Code), e.Class, strings.ToLower(e.Class), e.Status, e.Description)
	}
	if len(r.entries) > 0 {
		b.WriteString("\n---\n\n---\n")
	}
	return b.Bytes()
}

var markdownRow = regexp.MustCompile(`^\| ([^<|]+)<br/><pre>(0x[0-9a-f]{8})</pre> \| \[(\w+)\]\(/core/1/api/essentials/errors/handling#(\w+)\) <pre>\((\d+)\)</pre> \| (.*) \|$`)

// ParseMarkdown reads the entries of an error-codes page written by Markdown
// (or by Kuzzle's generator). Every table row must be well formed.
func ParseMarkdown(file string, data []byte) (*Registry, error) {
	var entries []*Entry
	var problems Problems
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		if !strings.HasPrefix(text, "| ") || strings.HasPrefix(text, "| Id |") || strings.HasPrefix(text, "| ---") {
			continue
		}
		pos := Position{file, line, 3}
		m := markdownRow.FindStringSubmatch(text)
		if m == nil {
			problems = append(problems, Problem{Pos: pos, Msg: "malformed error row"})
			continue
		}
		e, err := markdownEntry(m)
		if err != nil {
			problems = append(problems, Problem{Pos: pos, Msg: err.Error()})
			continue
		}
		e.Pos = pos
		entries = append(entries, e)
	}
	if err := sc.Err(); err != nil {
		problems = append(problems, Problem{Pos: Position{File: file}, Msg: err.Error()})
	}
	if len(problems) > 0 {
		return nil, problems
	}
	return New(entries)
}

// markdownEntry makes an entry of a page row's submatches (see markdownRow).
func markdownEntry(m []string) (*Entry, error) {
	e := new(Entry)
	if err := fillEntry(e, m[1], m[2], m[3], m[4], m[5], m[6]); err != nil {
		return nil, err
	}
	return e, nil
}

// fillEntry checks the fields of one row of a page or of a TSV file, and
// sets e from them. anchor is the class's link anchor on a page, checked
// against the class; "" (a TSV row) skips that check.
func fillEntry(e *Entry, id, codeText, class, anchor, statusText, desc string) error {
	domain, sub, name, ok := ParseID(id)
	if !ok {
		return fmt.Errorf("malformed id %q: want domain.subdomain.name", id)
	}
	code, err := ParseCode(codeText)
	if err != nil {
		return err
	}
	if code&0xFFFF == 0 {
		return fmt.Errorf("%s: error code 0 in %s (want 1 to 0xFFFF)", id, codeText)
	}
	want, known := ClassStatus(class)
	if !known {
		return fmt.Errorf("%s: unknown class %q", id, class)
	}
	if anchor != "" && anchor != strings.ToLower(class) {
		return fmt.Errorf("%s: link anchor #%s does not match class %s", id, anchor, class)
	}
	status, err := strconv.Atoi(statusText)
	if err != nil || status < 100 || status > 599 || (status != want && !StatusFromEntry(class)) {
		return fmt.Errorf("%s: status %s contradicts class %s (%d)", id, statusText, class, want)
	}
	if desc == "" {
		return fmt.Errorf("%s: empty description", id)
	}
	*e = Entry{ID: id, Domain: domain, Subdomain: sub, Name: name, Code: code, Class: class, Status: status, Description: desc}
	return nil
}
