package analyzer

import (
	"errors"
	"fmt"
	"go/ast"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing/fstest"

	"golang.org/x/mod/module"

	"github.com/kerrlint/kerrlint/internal/safefile"
)

// The files a //go:embed directive selects are the go command's decision:
// no analysis driver hands them to an analyzer (go vet's config and
// analysis.Pass have no list of them), so this file derives them with the
// rules of cmd/go/internal/load.resolveEmbed (Go 1.26), which a test
// compares with go list -json on hostile trees: regular files only, no
// symbolic link (unless GODEBUG=embedfollowsymlinks=1, and then only as
// the final element, to a regular file), no . or .. elements, nothing in
// or across a nested module, no version-control directories, hidden files
// only under all:. kerrlint therefore never reads a file go build would not
// embed.

// errNoEmbedMatch is the go command's error for a pattern that matches no
// file; the analyzer also meets it under drivers that give it no embedded
// files at all, such as Bazel's nogo.
var errNoEmbedMatch = errors.New("no matching files found")

// embedDirectivePatterns returns the patterns of the //go:embed lines of a
// comment group, parsed as go/build parses them.
func embedDirectivePatterns(doc *ast.CommentGroup) ([]string, error) {
	var patterns []string
	for _, c := range doc.List {
		dir, ok := ast.ParseDirective(c.Slash, c.Text)
		if !ok || dir.Tool != "go" || dir.Name != "embed" {
			continue
		}
		args, err := dir.ParseArgs()
		if err != nil {
			return nil, err
		}
		for _, a := range args {
			patterns = append(patterns, a.Arg)
		}
	}
	return patterns, nil
}

// embedFiles lists, slash-separated and relative to pkgdir, the files the
// go command embeds for patterns, or the error it reports ("pattern P:
// ...").
func embedFiles(pkgdir string, patterns []string) ([]string, error) {
	followLinks := followEmbedLinks()
	have := map[string]bool{}
	dirOK := map[string]bool{}
	for _, pattern := range patterns {
		list, err := embedPattern(pkgdir, pattern, followLinks, dirOK)
		if err != nil {
			return nil, fmt.Errorf("pattern %s: %w", pattern, err)
		}
		for _, rel := range list {
			have[rel] = true
		}
	}
	files := make([]string, 0, len(have))
	for rel := range have {
		files = append(files, rel)
	}
	slices.Sort(files)
	return files, nil
}

// embedPattern is one pattern's part of embedFiles.
func embedPattern(pkgdir, pattern string, followLinks bool, dirOK map[string]bool) ([]string, error) {
	glob, all := strings.CutPrefix(pattern, "all:")
	if _, err := path.Match(glob, ""); err != nil || glob == "." || !fs.ValidPath(glob) {
		return nil, errors.New("invalid pattern syntax")
	}
	matches, err := filepath.Glob(quoteGlob(pkgdir+string(filepath.Separator)) + filepath.FromSlash(glob))
	if err != nil {
		return nil, err
	}
	var list []string
	for _, file := range matches {
		rel := filepath.ToSlash(strings.TrimPrefix(file, pkgdir+string(filepath.Separator)))
		info, err := os.Lstat(file)
		if err != nil {
			return nil, err
		}
		what := "file"
		if info.IsDir() {
			what = "directory"
		}
		for dir := file; len(dir) > len(pkgdir)+1 && !dirOK[dir]; dir = filepath.Dir(dir) {
			if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
				return nil, fmt.Errorf("cannot embed %s %s: in different module", what, rel)
			}
			if dir != file {
				if info, err := os.Lstat(dir); err == nil && !info.IsDir() {
					return nil, fmt.Errorf("cannot embed %s %s: in non-directory %s", what, rel, dir[len(pkgdir)+1:])
				}
			}
			dirOK[dir] = true
			if elem := filepath.Base(dir); badEmbedName(elem) {
				if dir == file {
					return nil, fmt.Errorf("cannot embed %s %s: invalid name %s", what, rel, elem)
				}
				return nil, fmt.Errorf("cannot embed %s %s: in invalid directory %s", what, rel, elem)
			}
		}
		switch {
		case info.Mode().IsRegular():
			list = append(list, rel)
		case followLinks && info.Mode()&fs.ModeType == fs.ModeSymlink:
			target, err := os.Stat(file)
			if err != nil {
				return nil, err
			}
			if !target.Mode().IsRegular() {
				return nil, fmt.Errorf("cannot embed irregular file %s", rel)
			}
			list = append(list, rel)
		case info.IsDir():
			count := 0
			err := filepath.WalkDir(file, func(p string, d fs.DirEntry, err error) error {
				if err != nil {
					return err
				}
				rel := filepath.ToSlash(strings.TrimPrefix(p, pkgdir+string(filepath.Separator)))
				name := d.Name()
				if p != file && (badEmbedName(name) || ((name[0] == '.' || name[0] == '_') && !all)) {
					switch {
					case d.IsDir():
						return fs.SkipDir
					case name[0] == '.' || name[0] == '_':
						return nil
					default:
						return fmt.Errorf("cannot embed file %s: invalid name %s", rel, name)
					}
				}
				if d.IsDir() {
					if _, err := os.Stat(filepath.Join(p, "go.mod")); err == nil {
						return fs.SkipDir
					}
					return nil
				}
				if !d.Type().IsRegular() {
					return nil
				}
				count++
				list = append(list, rel)
				return nil
			})
			if err != nil {
				return nil, err
			}
			if count == 0 {
				return nil, fmt.Errorf("cannot embed directory %s: contains no embeddable files", rel)
			}
		default:
			return nil, fmt.Errorf("cannot embed irregular file %s", rel)
		}
	}
	if len(list) == 0 {
		return nil, errNoEmbedMatch
	}
	return list, nil
}

// badEmbedName reports whether a file name cannot be in a module, and so
// is not embedded: the go command's isBadEmbedName.
func badEmbedName(name string) bool {
	if err := module.CheckFilePath(name); err != nil {
		return true
	}
	switch name {
	case "", ".bzr", ".hg", ".git", ".svn":
		return true
	}
	return false
}

// quoteGlob escapes the glob metacharacters of a literal path prefix.
func quoteGlob(s string) string {
	if !strings.ContainsAny(s, `*?[]`) {
		return s
	}
	var sb strings.Builder
	for _, c := range s {
		switch c {
		case '*', '?', '[', ']':
			sb.WriteByte('\\')
		}
		sb.WriteRune(c)
	}
	return sb.String()
}

// godebug returns the value of a GODEBUG setting of the environment, which
// the go command reads for its own behaviour.
func godebug(key string) string {
	value := ""
	for _, kv := range strings.Split(os.Getenv("GODEBUG"), ",") {
		if k, v, ok := strings.Cut(kv, "="); ok && k == key {
			value = v
		}
	}
	return value
}

// embeddedFS holds the files below paths (as given to kerror.UseFS or
// InstallFS) among those the go command embeds for patterns in pkgdir,
// each read as a regular file with a bound: nothing else is ever read.
func embeddedFS(pkgdir string, patterns, paths []string) (fstest.MapFS, error) {
	files, err := embedFiles(pkgdir, patterns)
	if err != nil {
		return nil, err
	}
	m := fstest.MapFS{}
	var total int
	for _, rel := range files {
		if !slices.ContainsFunc(paths, func(p string) bool { return within(rel, p) }) {
			continue
		}
		data, err := safefile.ReadFile(filepath.Join(pkgdir, filepath.FromSlash(rel)), followEmbedLinks())
		if err != nil {
			return nil, err
		}
		if total += len(data); total > safefile.MaxSize {
			return nil, fmt.Errorf("the embedded registry files are larger than %d MiB in all", safefile.MaxSize>>20)
		}
		m[rel] = &fstest.MapFile{Data: data}
	}
	return m, nil
}

// followEmbedLinks says whether an embedded file may be a symbolic link.
func followEmbedLinks() bool { return godebug("embedfollowsymlinks") == "1" }

// within reports whether the slash path rel is p or below it, as fs.FS
// paths are (p "." is the root).
func within(rel, p string) bool {
	p = path.Clean(p)
	return p == "." || rel == p || strings.HasPrefix(rel, p+"/")
}
