package analyzer

import (
	"bytes"
	"go/ast"
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// ignore is a //kerrlint:ignore REASON directive. On a line of its own it
// covers the next line too; after code, only its own line.
type ignore struct {
	c        *ast.Comment
	file     *token.File
	line     int
	trailing bool // code precedes it on its line
	used     bool
}

const ignorePrefix = "//kerrlint:ignore"

// collectIgnores records the directives of f and returns them by line.
func (r *run) collectIgnores(f *ast.File) map[int]*ignore {
	tf := r.pass.Fset.File(f.Pos())
	byLine := map[int]*ignore{}
	for _, cg := range f.Comments {
		for _, c := range cg.List {
			rest, ok := strings.CutPrefix(c.Text, ignorePrefix)
			if !ok || rest != "" && rest[0] != ' ' && rest[0] != '\t' {
				continue
			}
			if strings.TrimSpace(rest) == "" {
				r.pass.Report(analysis.Diagnostic{Pos: c.Pos(), End: c.End(), Category: "invalid-directive",
					Message: "//kerrlint:ignore needs a reason: //kerrlint:ignore REASON"})
				continue
			}
			ig := &ignore{c: c, file: tf, line: tf.Line(c.Pos())}
			r.ignores = append(r.ignores, ig)
			byLine[ig.line] = ig
		}
	}
	return byLine
}

// markTrailing marks the directive on the line where n ends as trailing when
// n ends before it.
func markTrailing(n ast.Node, tf *token.File, byLine map[int]*ignore) {
	if ig := byLine[tf.Line(n.End())]; ig != nil && n.End() <= ig.c.Pos() {
		ig.trailing = true
	}
}

// report reports the diagnostics that no directive suppresses, then the
// directives that suppressed nothing. Fixes are dropped in generated files.
func (r *run) report() {
	for _, d := range r.diags {
		tf := r.pass.Fset.File(d.Pos)
		if r.suppressed(tf, tf.Line(d.Pos)) {
			continue
		}
		if r.generated[tf] {
			d.SuggestedFixes = nil
		}
		r.pass.Report(d)
	}
	for _, ig := range r.ignores {
		if ig.used {
			continue
		}
		d := analysis.Diagnostic{Pos: ig.c.Pos(), End: ig.c.End(), Category: "unused-ignore",
			Message: "this //kerrlint:ignore suppresses no diagnostic"}
		if !r.generated[ig.file] {
			pos, end := r.commentExtent(ig)
			d.SuggestedFixes = []analysis.SuggestedFix{{Message: "Remove the directive",
				TextEdits: []analysis.TextEdit{{Pos: pos, End: end}}}}
		}
		r.pass.Report(d)
	}
}

func (r *run) suppressed(tf *token.File, line int) bool {
	found := false
	for _, ig := range r.ignores {
		if ig.file == tf && (ig.line == line || !ig.trailing && ig.line+1 == line) {
			ig.used, found = true, true
		}
	}
	return found
}

// commentExtent is what removing a directive deletes: its whole line when it
// stands alone, otherwise the comment and the blanks before it. Without the
// file's content (ReadFile is optional, e.g. under nogo) only the comment.
func (r *run) commentExtent(ig *ignore) (token.Pos, token.Pos) {
	pos, end := ig.c.Pos(), ig.c.End()
	if r.pass.ReadFile == nil {
		return pos, end
	}
	content, err := r.pass.ReadFile(ig.file.Name())
	if err != nil || ig.file.Size() != len(content) {
		return pos, end
	}
	start := ig.file.LineStart(ig.line)
	before := content[ig.file.Offset(start):ig.file.Offset(pos)]
	if len(bytes.TrimSpace(before)) > 0 {
		return start + token.Pos(len(bytes.TrimRight(before, " \t"))), end
	}
	if ig.line < ig.file.LineCount() {
		return start, ig.file.LineStart(ig.line + 1)
	}
	return start, end
}
