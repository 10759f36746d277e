package analyzer

import (
	"bytes"
	"go/ast"
	"go/token"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// reporter is the one way diagnostics leave the analyzer: it applies
// //kerrlint:ignore directives, drops fixes in generated files, and reports
// the directives that suppressed nothing.
type reporter struct {
	pass      *analysis.Pass
	generated map[*token.File]bool
	ignores   ignores
}

func newReporter(pass *analysis.Pass) *reporter {
	r := &reporter{pass: pass, generated: map[*token.File]bool{}}
	for _, f := range pass.Files {
		r.generated[pass.Fset.File(f.Pos())] = ast.IsGenerated(f)
	}
	return r
}

// run applies every check to every site and reports the diagnostics.
func (r *reporter) run(u *unit) {
	for _, s := range u.sites {
		for _, c := range checks {
			if c.run == nil {
				continue
			}
			for _, d := range c.run(u, s) {
				d.Category = c.category
				r.report(d)
			}
		}
	}
	r.reportUnused()
}

// report reports d unless a directive suppresses it.
func (r *reporter) report(d analysis.Diagnostic) {
	tf := r.pass.Fset.File(d.Pos)
	if r.ignores.suppress(tf, tf.Line(d.Pos), d.Category) {
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

// ignore is a //kerrlint:ignore [CATEGORY[,CATEGORY]] REASON directive. On a
// line of its own it covers the next line too; after code, only its own line.
type ignore struct {
	c          *ast.Comment
	file       *token.File
	line       int
	categories []string // the checks it silences; none: all
	trailing   bool     // code precedes it on its line
	used       bool
}

// ignores are the well-formed ignore directives of a package.
type ignores []*ignore

const ignorePrefix = "//kerrlint:ignore"

// categoryList is how a list of checks is spelled: kebab-case words joined
// by commas. A first word of this shape is read as checks, not as reason.
var categoryList = regexp.MustCompile(`^[a-z]+(-[a-z]+)+(,[a-z]+(-[a-z]+)+)*$`)

// collect records the directives of f, adds a directive site for each
// malformed one, and returns the directives of f by line.
func (igs *ignores) collect(u *unit, f *ast.File) ignoreLines {
	tf := u.pass.Fset.File(f.Pos())
	byLine := ignoreLines{}
	for _, cg := range f.Comments {
		for _, c := range cg.List {
			rest, ok := strings.CutPrefix(c.Text, ignorePrefix)
			if !ok || rest != "" && rest[0] != ' ' && rest[0] != '\t' {
				continue
			}
			ig, problem := parseIgnore(c, rest)
			if problem != "" {
				u.addProblem(directiveSite, "invalid-directive", c, 0, "%s", problem)
				continue
			}
			ig.file, ig.line = tf, tf.Line(c.Pos())
			*igs = append(*igs, ig)
			byLine[ig.line] = ig
		}
	}
	return byLine
}

// parseIgnore parses the text after //kerrlint:ignore.
func parseIgnore(c *ast.Comment, rest string) (*ignore, string) {
	words := strings.Fields(rest)
	if len(words) == 0 {
		return nil, "//kerrlint:ignore needs a reason: //kerrlint:ignore REASON"
	}
	ig := &ignore{c: c}
	if categoryList.MatchString(words[0]) {
		ig.categories = strings.Split(words[0], ",")
		for _, cat := range ig.categories {
			if _, ok := checkNamed(cat); !ok {
				return nil, "//kerrlint:ignore names an unknown check " + cat + " (see kerrlint help)"
			}
		}
		if len(words) == 1 {
			return nil, "//kerrlint:ignore needs a reason: //kerrlint:ignore " + words[0] + " REASON"
		}
	}
	return ig, ""
}

// suppress reports whether a directive silences category on line of tf,
// and marks every such directive used.
func (igs ignores) suppress(tf *token.File, line int, category string) bool {
	found := false
	for _, ig := range igs {
		if ig.file == tf && (ig.line == line || !ig.trailing && ig.line+1 == line) &&
			(ig.categories == nil || slices.Contains(ig.categories, category)) {
			ig.used, found = true, true
		}
	}
	return found
}

// ignoreLines are the directives of one file by line.
type ignoreLines map[int]*ignore

// markTrailing marks the directive on the line where n ends as trailing when
// n ends before it.
func (l ignoreLines) markTrailing(n ast.Node, tf *token.File) {
	if len(l) == 0 {
		return
	}
	if ig := l[tf.Line(n.End())]; ig != nil && n.End() <= ig.c.Pos() {
		ig.trailing = true
	}
}
