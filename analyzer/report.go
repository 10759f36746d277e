package analyzer

import (
	"bytes"
	"go/ast"
	"go/token"
	"slices"

	"golang.org/x/tools/go/analysis"
)

// reporter is the one way diagnostics leave the analyzer: it applies
// //kerrlint:ignore directives, drops fixes in generated files, and reports
// the directives that suppressed nothing.
type reporter struct {
	pass      *analysis.Pass
	generated map[*token.File]bool
	ignores   ignores
	checks    selection // the checks reported; nil: all
}

func newReporter(pass *analysis.Pass) *reporter {
	r := &reporter{pass: pass, generated: map[*token.File]bool{}}
	for _, f := range pass.Files {
		r.generated[pass.Fset.File(f.Pos())] = ast.IsGenerated(f)
	}
	return r
}

// run reports, site by site, the problem the resolver found there or the
// diagnostics of every site check, then the directives that suppressed
// nothing.
func (r *reporter) run(u *unit) {
	for _, s := range u.sites {
		if s.problem != nil {
			r.report(s.problem.category, s.problem.diagnostic())
			continue
		}
		for c := range numChecks {
			if checks[c].origin != siteCheck {
				continue
			}
			for _, d := range checks[c].run(u, s) {
				r.report(c, d)
			}
		}
	}
	r.reportUnused()
}

// report reports d as check c unless a directive suppresses it.
func (r *reporter) report(c Category, d analysis.Diagnostic) {
	d.Category = c.String()
	tf := r.pass.Fset.File(d.Pos)
	if r.ignores.suppress(tf, tf.Line(d.Pos), c) || !r.checks.enabled(c) {
		return
	}
	if r.generated[tf] {
		d.SuggestedFixes = nil
	}
	r.pass.Report(d)
}

// reportUnused reports the directives that suppressed nothing, with a fix
// removing them (none in generated files).
func (r *reporter) reportUnused() {
	if !r.checks.enabled(unusedIgnore) {
		return
	}
	for _, ig := range r.ignores {
		if ig.used {
			continue
		}
		d := analysis.Diagnostic{Pos: ig.c.Pos(), End: ig.c.End(), Category: unusedIgnore.String(),
			Message: "this " + DirectivePrefix + verbs[ig.kind] + " suppresses no diagnostic"}
		if !r.generated[ig.file] {
			pos, end := r.commentExtent(ig)
			d.SuggestedFixes = []analysis.SuggestedFix{{Message: "Remove the directive",
				TextEdits: []analysis.TextEdit{{Pos: pos, End: end}}}}
		}
		r.pass.Report(d)
	}
}

// commentExtent is what removing a directive deletes: its whole line when it
// stands alone, otherwise the comment and the blanks before it. Without the
// file's content (ReadFile is optional, e.g. under nogo) only the comment.
func (r *reporter) commentExtent(ig *ignore) (token.Pos, token.Pos) {
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

// ignore is a well-formed //kerrlint:ignore or file-ignore directive and
// what it covers. On a line of its own an ignore covers the statement that
// starts on the next line, to its last line (as golangci-lint's //nolint
// covers the node); after code, only its own line. A file-ignore covers its
// whole file.
type ignore struct {
	*directive
	file     *token.File
	line     int
	end      int  // the last line of the statement starting on the next line
	trailing bool // code precedes it on its line
	used     bool
}

// ignores are the well-formed ignore directives of a package.
type ignores []*ignore

// collect records the ignore directives of f, adds a directive site for
// each directive whose grammar is wrong (//kerrlint:id and error are
// checked where they apply), and returns the ignores of f by line.
func (igs *ignores) collect(u *unit, f *ast.File) ignoreLines {
	tf := u.pass.Fset.File(f.Pos())
	byLine := ignoreLines{}
	for _, cg := range f.Comments {
		for _, c := range cg.List {
			d := parseDirective(c)
			if d == nil || d.kind == idDirective || d.kind == errorDirective {
				continue
			}
			if d.problem != "" {
				u.addProblem(directiveSite, invalidDirective, c, 0, "%s", d.problem)
				continue
			}
			ig := &ignore{directive: d, file: tf, line: tf.Line(c.Pos())}
			ig.end = ig.line + 1
			*igs = append(*igs, ig)
			if d.kind != fileIgnoreDirective {
				byLine[ig.line] = ig
			}
		}
	}
	return byLine
}

// suppress reports whether a directive silences check c on line of tf,
// and marks every such directive used.
func (igs ignores) suppress(tf *token.File, line int, c Category) bool {
	found := false
	for _, ig := range igs {
		if ig.file == tf && (ig.kind == fileIgnoreDirective || ig.line == line || !ig.trailing && ig.line < line && line <= ig.end) &&
			(ig.checks == nil || slices.Contains(ig.checks, c)) {
			ig.used, found = true, true
		}
	}
	return found
}

// ignoreLines are the directives of one file by line.
type ignoreLines map[int]*ignore

// markTrailing marks the directive on the line where n ends as trailing when
// n ends before it, and extends a directive on the line before n's first to
// n's last line: a statement spread over several lines is covered whole (a
// compound statement and a function to their opening brace).
func (l ignoreLines) markTrailing(n ast.Node, tf *token.File) {
	if len(l) == 0 || !n.Pos().IsValid() || !n.End().IsValid() {
		return
	}
	if ig := l[tf.Line(n.End())]; ig != nil && n.End() <= ig.c.Pos() {
		ig.trailing = true
	}
	if ig := l[tf.Line(n.Pos())-1]; ig != nil {
		ig.end = max(ig.end, tf.Line(coveredEnd(n)))
	}
}

// coveredEnd is where an ignore above n stops covering it: n's end, or for
// what holds a block, the block's opening brace.
func coveredEnd(n ast.Node) token.Pos {
	var brace token.Pos
	switch n := n.(type) {
	case *ast.FuncDecl:
		if n.Body != nil {
			brace = n.Body.Lbrace
		}
	case *ast.FuncLit:
		brace = n.Body.Lbrace
	case *ast.BlockStmt:
		brace = n.Lbrace
	case *ast.IfStmt:
		brace = n.Body.Lbrace
	case *ast.ForStmt:
		brace = n.Body.Lbrace
	case *ast.RangeStmt:
		brace = n.Body.Lbrace
	case *ast.SwitchStmt:
		brace = n.Body.Lbrace
	case *ast.TypeSwitchStmt:
		brace = n.Body.Lbrace
	case *ast.SelectStmt:
		brace = n.Body.Lbrace
	case *ast.CaseClause:
		brace = n.Colon
	case *ast.CommClause:
		brace = n.Colon
	case *ast.LabeledStmt:
		return coveredEnd(n.Stmt)
	case *ast.GenDecl:
		if n.Lparen.IsValid() {
			brace = n.Lparen
		}
	case *ast.StructType:
		brace = n.Fields.Opening
	case *ast.InterfaceType:
		brace = n.Methods.Opening
	}
	if brace.IsValid() {
		return brace
	}
	return n.End()
}
