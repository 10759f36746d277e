package registry

import (
	"bufio"
	"bytes"
	"cmp"
	"fmt"
	"regexp"
	"slices"
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

// Markdown renders the registry as Kuzzle 1's generator writes the
// error-codes page (doc/build-error-codes.js, the page of
// doc/1/api/essentials/errors/codes): domains in code order, their
// subdomains and errors in the order of the sources (code order for a
// registry built from entries), leaving out deprecated domains, subdomains
// and errors; a subdomain without errors still has its heading and table.
// The status is the class's, as the generator reads it from the class.
func (r *Registry) Markdown() []byte {
	r = r.full()
	var b bytes.Buffer
	b.WriteString(markdownHeader)
	domains := slices.Clone(r.docLayout())
	slices.SortStableFunc(domains, func(a, b docDomain) int { return cmp.Compare(a.code, b.code) })
	for _, d := range domains {
		if d.deprecated {
			continue
		}
		fmt.Fprintf(&b, "\n## 0x%02x: %s\n\n", d.code, d.name)
		for _, s := range d.subs {
			if s.deprecated {
				continue
			}
			fmt.Fprintf(&b, "\n\n### Subdomain: 0x%02x%02x: %s\n\n%s", d.code, s.code, s.name, markdownTable)
			for _, row := range s.rows {
				e, ok := r.byID[row.id]
				if !ok || row.deprecated {
					continue
				}
				status := e.Status
				if cs, known := ClassStatus(e.Class); known {
					status = cs
				}
				fmt.Fprintf(&b, "| %s<br/><pre>%s</pre> | [%s](/core/1/api/essentials/errors/handling#%s) <pre>(%d)</pre> | %s |\n",
					e.ID, FormatCode(e.Code), e.Class, strings.ToLower(e.Class), status, e.Description)
			}
			b.WriteString("\n---\n")
		}
		b.WriteString("\n---\n")
	}
	return b.Bytes()
}

// docDomain is a domain as the sources define it, for Markdown.
type docDomain struct {
	name       string
	code       uint8
	deprecated bool // "deprecated" truthy: Kuzzle's generator leaves it out
	subs       []docSub
}

type docSub struct {
	name       string
	code       uint8
	deprecated bool
	rows       []docRow
}

type docRow struct {
	id         string
	deprecated bool
}

// docLayout returns the domains of r for Markdown: the sources' own, or,
// for a registry built from entries, the entries' in code order.
func (r *Registry) docLayout() []docDomain {
	r = r.full()
	if r.layout != nil {
		return r.layout
	}
	var out []docDomain
	for i, e := range r.entries {
		if i == 0 || r.entries[i-1].Code>>24 != e.Code>>24 {
			out = append(out, docDomain{name: e.Domain, code: uint8(e.Code >> 24)})
		}
		d := &out[len(out)-1]
		if i == 0 || r.entries[i-1].Code>>16 != e.Code>>16 {
			d.subs = append(d.subs, docSub{name: e.Subdomain, code: uint8(e.Code >> 16)})
		}
		s := &d.subs[len(d.subs)-1]
		s.rows = append(s.rows, docRow{id: e.ID, deprecated: e.Deprecated != ""})
	}
	return out
}

// mergeLayouts is the layout of registries merged in order: a domain or
// subdomain several define keeps its first place, rows are added after
// those already there.
func mergeLayouts(regs []*Registry) []docDomain {
	var out []docDomain
	for _, r := range regs {
		for _, d := range r.docLayout() {
			i := slices.IndexFunc(out, func(o docDomain) bool { return o.name == d.name })
			if i < 0 {
				d.subs = slices.Clone(d.subs)
				out = append(out, d)
				continue
			}
			o := &out[i]
			for _, s := range d.subs {
				j := slices.IndexFunc(o.subs, func(x docSub) bool { return x.name == s.name })
				if j < 0 {
					o.subs = append(o.subs, s)
					continue
				}
				rows := slices.Clone(o.subs[j].rows)
				for _, row := range s.rows {
					if !slices.ContainsFunc(rows, func(x docRow) bool { return x.id == row.id }) {
						rows = append(rows, row)
					}
				}
				o.subs[j].rows = rows
			}
		}
	}
	return out
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
