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
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, tsvHeader)
	for _, e := range r.entries {
		fmt.Fprintf(bw, "%s\t%s\t%s\t%d\t%s\t%s\n", FormatCode(e.Code), e.ID, e.Class, e.Status, e.Deprecated, e.Description)
	}
	return bw.Flush()
}

// ParseTSV reads the form written by WriteTSV.
func ParseTSV(file string, data []byte) (*Registry, error) {
	var entries []*Entry
	var problems Problems
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	if len(lines) == 0 || lines[0] != tsvHeader {
		return nil, Problems{{Pos: Position{file, 1, 1}, Msg: "missing header line " + strconv.Quote(tsvHeader)}}
	}
	for i, line := range lines[1:] {
		pos := Position{file, i + 2, 1}
		f := strings.Split(line, "\t")
		if len(f) != 6 {
			problems = append(problems, Problem{Pos: pos, Msg: fmt.Sprintf("want 6 tab-separated fields, got %d", len(f))})
			continue
		}
		e, err := markdownEntry([]string{line, f[1], f[0], f[2], strings.ToLower(f[2]), f[3], f[5]})
		if err != nil {
			problems = append(problems, Problem{Pos: pos, Msg: err.Error()})
			continue
		}
		e.Deprecated, e.Pos = f[4], pos
		entries = append(entries, e)
	}
	if len(problems) > 0 {
		return nil, problems
	}
	return New(entries)
}
