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
	checks    selection // the checks reported; nil: all
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
	if r.ignores.suppress(tf, tf.Line(d.Pos), d.Category) || !r.checks.enabled(d.Category) {
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
	if !r.checks.enabled("unused-ignore") {
		return
	}
	for _, ig := range r.ignores {
		if ig.used {
			continue
		}
		verb := ignorePrefix
		if ig.wholeFile {
			verb = fileIgnorePrefix
		}
		d := analysis.Diagnostic{Pos: ig.c.Pos(), End: ig.c.End(), Category: "unused-ignore",
			Message: "this " + verb + " suppresses no diagnostic"}
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

// ignore is a //kerrlint:ignore [CATEGORY[,CATEGORY]] REASON directive, or
// a //kerrlint:file-ignore CATEGORY[,CATEGORY] REASON. On a line of its own
// an ignore covers the statement that starts on the next line, to its last
// line (as golangci-lint's //nolint covers the node); after code, only its
// own line. A file-ignore covers its whole file.
type ignore struct {
	c          *ast.Comment
	file       *token.File
	line       int
	end        int      // the last line of the statement starting on the next line
	categories []string // the checks it silences; none: all
	trailing   bool     // code precedes it on its line
	wholeFile  bool     // a file-ignore
	used       bool
}

// ignores are the well-formed ignore directives of a package.
type ignores []*ignore

const (
	ignorePrefix     = "//kerrlint:ignore"
	fileIgnorePrefix = "//kerrlint:file-ignore"
)

// directives are the verbs of //kerrlint: comments.
var directives = []string{"ignore", "file-ignore", "id", "error"}

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
			text, ok := strings.CutPrefix(c.Text, DirectivePrefix)
			if !ok {
				continue
			}
			verb, rest := text, ""
			if i := strings.IndexAny(text, " \t"); i >= 0 {
				verb, rest = text[:i], text[i:]
			}
			if !slices.Contains(directives, verb) {
				u.addProblem(directiveSite, "invalid-directive", c, 0, "%s", unknownDirective(verb))
				continue
			}
			if verb != "ignore" && verb != "file-ignore" {
				continue
			}
			ig, problem := parseIgnore(c, rest, verb == "file-ignore")
			if problem != "" {
				u.addProblem(directiveSite, "invalid-directive", c, 0, "%s", problem)
				continue
			}
			ig.file, ig.line = tf, tf.Line(c.Pos())
			ig.end = ig.line + 1
			*igs = append(*igs, ig)
			if !ig.wholeFile {
				byLine[ig.line] = ig
			}
		}
	}
	return byLine
}

// unknownDirective is the problem of a //kerrlint:VERB no directive has.
func unknownDirective(verb string) string {
	msg := "unknown directive " + DirectivePrefix + verb
	best, bestD := "", 3 // a typo: at most two edits
	for _, d := range directives {
		if dist := editDistance(verb, d); dist < bestD {
			best, bestD = d, dist
		}
	}
	if best != "" {
		return msg + "; did you mean " + DirectivePrefix + best + "?"
	}
	return msg + " (directives: //kerrlint:ignore, //kerrlint:file-ignore, //kerrlint:id, //kerrlint:error)"
}

// parseIgnore parses the text after //kerrlint:ignore (or file-ignore,
// which must name its checks). A first word in kebab-case is a list of
// checks when it names only checks; a reason when it is one word that is no
// check's name nor a typo of one (third-party code ...); else a mistake.
func parseIgnore(c *ast.Comment, rest string, wholeFile bool) (*ignore, string) {
	prefix, usage := ignorePrefix, ignorePrefix+" [CHECK[,CHECK]] REASON"
	if wholeFile {
		prefix, usage = fileIgnorePrefix, fileIgnorePrefix+" CHECK[,CHECK] REASON"
	}
	words := strings.Fields(rest)
	if len(words) == 0 {
		return nil, prefix + " needs a reason: " + usage
	}
	ig := &ignore{c: c, wholeFile: wholeFile}
	if categoryList.MatchString(words[0]) {
		names := strings.Split(words[0], ",")
		var unknown []string
		for _, name := range names {
			if _, ok := checkNamed(name); !ok {
				unknown = append(unknown, name)
			}
		}
		typo := ""
		if len(unknown) == 1 {
			if near := NearestCheck(unknown[0]); near != "" && editDistance(unknown[0], near) <= 2 {
				typo = near
			}
		}
		switch {
		case len(unknown) == 0:
			ig.categories = names
		case typo != "":
			return nil, prefix + " names an unknown check " + unknown[0] + "; did you mean " + typo + "?"
		case len(names) > 1:
			return nil, prefix + " names an unknown check " + unknown[0] + " (kerrlint help lists the checks)"
		}
		if ig.categories != nil && len(words) == 1 {
			return nil, prefix + " needs a reason: " + prefix + " " + words[0] + " REASON"
		}
	}
	if wholeFile && ig.categories == nil {
		return nil, prefix + " needs the checks it silences: " + usage
	}
	return ig, ""
}

// suppress reports whether a directive silences category on line of tf,
// and marks every such directive used.
func (igs ignores) suppress(tf *token.File, line int, category string) bool {
	found := false
	for _, ig := range igs {
		if ig.file == tf && (ig.wholeFile || ig.line == line || !ig.trailing && ig.line < line && line <= ig.end) &&
			(ig.categories == nil || slices.Contains(ig.categories, category)) {
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
