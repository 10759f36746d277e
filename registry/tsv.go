package registry

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// tsvHeader names the columns of the tab-separated form used by the embedded
// registry and by `kerrlint registry list`.
const tsvHeader = "code\tid\tclass\tstatus\tdeprecated\tdescription"

// WriteTSV writes the registry one entry per line, tab-separated, after a
// header line: code, id, class, status, deprecated, description.
func (r *Registry) WriteTSV(w io.Writer) error {
	r = r.full()
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, tsvHeader)
	for _, e := range r.entries {
		fmt.Fprintf(bw, "%s\t%s\t%s\t%d\t%s\t%s\n", FormatCode(e.Code), e.ID, e.Class, e.Status, e.Deprecated, e.Description)
	}
	return bw.Flush()
}

// ParseTSV reads the form written by WriteTSV. It parses the embedded
// registry at every process start (see Default), so it makes no allocation
// per line: fields are substrings of one copy of data, and entries come
// from one array.
func ParseTSV(file string, data []byte) (*Registry, error) {
	text := strings.TrimSuffix(string(data), "\n")
	header, rest, more := strings.Cut(text, "\n")
	if header != tsvHeader {
		return nil, Problems{{Pos: Position{file, 1, 1}, Msg: "missing header line " + strconv.Quote(tsvHeader)}}
	}
	n := 0
	if more {
		n = strings.Count(rest, "\n") + 1
	}
	store := make([]Entry, n)
	entries := make([]*Entry, 0, n)
	var problems Problems
	for i := range n {
		var line string
		line, rest, _ = strings.Cut(rest, "\n")
		pos := Position{file, i + 2, 1}
		if got := strings.Count(line, "\t") + 1; got != 6 {
			problems = append(problems, Problem{Pos: pos, Msg: fmt.Sprintf("want 6 tab-separated fields, got %d", got)})
			continue
		}
		var f [6]string
		for k := range 5 {
			f[k], line, _ = strings.Cut(line, "\t")
		}
		f[5] = line
		e := &store[i]
		if err := fillEntry(e, f[1], f[0], f[2], "", f[3], f[5]); err != nil {
			problems = append(problems, Problem{Pos: pos, Msg: err.Error()})
			continue
		}
		e.Deprecated, e.Pos = f[4], pos
		entries = append(entries, e)
	}
	if len(problems) > 0 {
		return nil, problems
	}
	return build(entries, false)
}
