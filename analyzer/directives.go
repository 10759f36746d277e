package analyzer

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/scanner"
	"go/token"
	"regexp"
	"strings"
)

// This file is the one grammar of kerrlint's directive comments, which
// every consumer reads through parseDirective:
//
//	//kerrlint:ignore [CHECK[,CHECK]] REASON
//	//kerrlint:file-ignore CHECK[,CHECK] REASON
//	//kerrlint:id NAME                                  (a function's doc comment)
//	//kerrlint:error id=F [code=F] [status=F] [class=F] (a struct type's doc comment)
//
// The verb ends at the first blank; what the grammar alone finds wrong is
// the directive's problem, what needs the types (a parameter or field that
// does not exist) its consumer reports.

// DirectivePrefix begins every kerrlint directive comment.
const DirectivePrefix = "//kerrlint:"

// IsDirective reports whether a comment, as ast.Comment.Text holds it, is a
// kerrlint directive.
func IsDirective(comment string) bool { return strings.HasPrefix(comment, DirectivePrefix) }

// FilesHaveDirective reports whether any comment of files is a directive.
func FilesHaveDirective(files []*ast.File) bool {
	for _, f := range files {
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				if IsDirective(c.Text) {
					return true
				}
			}
		}
	}
	return false
}

// SourceHasDirective reports whether the Go source src has a directive
// comment, as FilesHaveDirective would find once it is parsed: a byte search
// (the common answer, no), confirmed by scanning the comments.
func SourceHasDirective(src []byte) bool {
	if !bytes.Contains(src, []byte(DirectivePrefix)) {
		return false
	}
	fset := token.NewFileSet()
	var s scanner.Scanner
	s.Init(fset.AddFile("", -1, len(src)), src, nil, scanner.ScanComments)
	for {
		_, tok, lit := s.Scan()
		switch {
		case tok == token.EOF:
			return false
		case tok == token.COMMENT && IsDirective(lit):
			return true
		}
	}
}

// A directiveKind is a directive's verb.
type directiveKind uint8

const (
	unknownDirective    directiveKind = iota // a verb no directive has
	ignoreDirective                          // //kerrlint:ignore
	fileIgnoreDirective                      // //kerrlint:file-ignore
	idDirective                              // //kerrlint:id
	errorDirective                           // //kerrlint:error
)

// verbs are the directives' verbs, by kind.
var verbs = [...]string{ignoreDirective: "ignore", fileIgnoreDirective: "file-ignore", idDirective: "id", errorDirective: "error"}

// A directive is one //kerrlint: comment as the grammar reads it.
type directive struct {
	kind directiveKind
	c    *ast.Comment // where it is written

	// ignore and file-ignore: the checks it silences (none: all, which a
	// file-ignore may not say), and why.
	checks []Category
	reason string

	// id: the parameter it names.
	param string

	// error: the key=FIELD pairs in order, up to a malformed one.
	fields []errorField

	// problem is what the grammar finds wrong; "" when well-formed. For
	// error, the fields before the mistake are still given, and checked
	// first by the consumer.
	problem string
}

// errorField is one key=FIELD of a //kerrlint:error.
type errorField struct {
	key   string // id, code, status or class
	field string
}

// parseDirective reads the directive c is, or returns nil when c is no
// kerrlint directive.
func parseDirective(c *ast.Comment) *directive {
	text, ok := strings.CutPrefix(c.Text, DirectivePrefix)
	if !ok {
		return nil
	}
	verb, rest := text, ""
	if i := strings.IndexAny(text, " \t"); i >= 0 {
		verb, rest = text[:i], text[i:]
	}
	d := &directive{c: c}
	for k, v := range verbs {
		if v == verb && v != "" {
			d.kind = directiveKind(k)
		}
	}
	switch d.kind {
	case unknownDirective:
		d.problem = unknownVerb(verb)
	case ignoreDirective, fileIgnoreDirective:
		d.parseIgnore(rest)
	case idDirective:
		d.param = strings.TrimSpace(rest)
		if d.param == "" {
			d.problem = DirectivePrefix + "id needs a parameter name: " + DirectivePrefix + "id NAME"
		}
	case errorDirective:
		d.parseError(rest)
	}
	return d
}

// unknownVerb is the problem of a //kerrlint:VERB no directive has.
func unknownVerb(verb string) string {
	msg := "unknown directive " + DirectivePrefix + verb
	best, bestD := "", 3 // a typo: at most two edits
	for _, v := range verbs {
		if dist := editDistance(verb, v); v != "" && dist < bestD {
			best, bestD = v, dist
		}
	}
	if best != "" {
		return msg + "; did you mean " + DirectivePrefix + best + "?"
	}
	return msg + " (directives: //kerrlint:ignore, //kerrlint:file-ignore, //kerrlint:id, //kerrlint:error)"
}

// checkList is how a list of checks is spelled: kebab-case words joined by
// commas. A first word of this shape is read as checks, not as reason.
var checkList = regexp.MustCompile(`^[a-z]+(-[a-z]+)+(,[a-z]+(-[a-z]+)+)*$`)

// parseIgnore reads the text after //kerrlint:ignore (or file-ignore, which
// must name its checks). A first word in kebab-case is a list of checks
// when it names only checks; a reason when it is one word that is no
// check's name nor a typo of one (third-party code ...); else a mistake.
func (d *directive) parseIgnore(rest string) {
	prefix := DirectivePrefix + verbs[d.kind]
	usage := prefix + " [CHECK[,CHECK]] REASON"
	if d.kind == fileIgnoreDirective {
		usage = prefix + " CHECK[,CHECK] REASON"
	}
	words := strings.Fields(rest)
	if len(words) == 0 {
		d.problem = prefix + " needs a reason: " + usage
		return
	}
	reason := words
	if checkList.MatchString(words[0]) {
		names := strings.Split(words[0], ",")
		var known []Category
		var unknown []string
		for _, name := range names {
			if c, ok := checkNamed(name); ok {
				known = append(known, c)
			} else {
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
		case len(unknown) == 0 && len(words) == 1:
			d.problem = prefix + " needs a reason: " + prefix + " " + words[0] + " REASON"
			return
		case len(unknown) == 0:
			d.checks, reason = known, words[1:]
		case typo != "":
			d.problem = prefix + " names an unknown check " + unknown[0] + "; did you mean " + typo + "?"
			return
		case len(names) > 1:
			d.problem = prefix + " names an unknown check " + unknown[0] + " (kerrlint help lists the checks)"
			return
		}
	}
	if d.kind == fileIgnoreDirective && d.checks == nil {
		d.problem = prefix + " needs the checks it silences: " + usage
		return
	}
	d.reason = strings.Join(reason, " ")
}

// parseError reads the text after //kerrlint:error: blank-separated
// key=FIELD pairs, one of them id.
func (d *directive) parseError(rest string) {
	hasID := false
	for _, kv := range strings.Fields(rest) {
		key, field, _ := strings.Cut(kv, "=")
		switch key {
		case "id", "code", "status", "class":
		default:
			d.problem = fmt.Sprintf("%serror: unknown key %q (want id, code, status, class)", DirectivePrefix, key)
			return
		}
		hasID = hasID || key == "id"
		d.fields = append(d.fields, errorField{key, field})
	}
	if !hasID {
		d.problem = DirectivePrefix + "error needs id=FIELD"
	}
}
