package main

import (
	"crypto/sha256"
	"fmt"
	"go/ast"
	"go/token"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"

	"github.com/kerrlint/kerrlint/internal/loader"
	"github.com/kerrlint/kerrlint/internal/safefile"
)

// An unfixed finding is a diagnostic -fix left as it is, and why (empty: it
// has no fix).
type unfixed struct {
	finding
	why string
}

// fixTarget is one file -fix rewrites: its content as analysed, the edits
// and the result.
type fixTarget struct {
	name  string // as the analysis named it
	old   []byte
	edits []edit
	fixes []finding // the diagnostics whose fixes edit it
}

// applyFixes applies the first suggested fix of each finding, or with diff
// prints the changes as a unified diff. It never loses data: a file whose
// content is not byte for byte what was analysed is refused, a generated
// file is never edited, every file is written to a temporary file beside it
// first (mode kept) and renamed over it only when all were written. It
// prints the diagnostics left unfixed and returns the exit status: 1 on an
// error (or, with diff, a non-empty diff, as go vet -fix -diff), 3 when
// diagnostics remain, else 0.
func applyFixes(fs []finding, prog *loader.Program, diff bool, context int, stdout, stderr io.Writer) int {
	generated := map[*token.File]bool{}
	for _, f := range fs {
		for _, file := range f.act.Package.Syntax {
			tf := f.act.Package.Fset.File(file.Pos())
			if _, ok := generated[tf]; !ok {
				generated[tf] = ast.IsGenerated(file)
			}
		}
	}
	var left []unfixed
	targets := map[string]*fixTarget{}
	refused := map[string]string{} // file: why
	failed := false
	target := func(name string) (*fixTarget, string) {
		if t := targets[name]; t != nil {
			return t, ""
		}
		if why, ok := refused[name]; ok {
			return nil, why
		}
		why := ""
		content, err := safefile.ReadFile(name, true)
		sum, analysed := prog.Digest(name)
		switch {
		case err != nil:
			why = fmt.Sprintf("cannot read %s: %v", shortPath(name), err)
		case !analysed:
			why = shortPath(name) + " was not analysed from its source"
		case sha256.Sum256(content) != sum:
			why = shortPath(name) + " changed since kerrlint read it"
		}
		if why != "" {
			refused[name] = why
			fmt.Fprintf(stderr, "kerrlint: -fix: %s: not fixed; run kerrlint -fix again\n", why)
			failed = true
			return nil, why
		}
		t := &fixTarget{name: name, old: content}
		targets[name] = t
		return t, ""
	}
next:
	for _, f := range fs {
		if len(f.d.SuggestedFixes) == 0 {
			left = append(left, unfixed{f, ""})
			continue
		}
		fset := f.act.Package.Fset
		byFile := map[string][]edit{}
		for _, e := range f.d.SuggestedFixes[0].TextEdits {
			tf := fset.File(e.Pos)
			if tf == nil {
				left = append(left, unfixed{f, "its fix has no position"})
				continue next
			}
			if generated[tf] {
				left = append(left, unfixed{f, "its fix would edit " + shortPath(tf.Name()) + ", a generated file"})
				continue next
			}
			end := e.End
			if !end.IsValid() {
				end = e.Pos
			}
			byFile[tf.Name()] = append(byFile[tf.Name()], edit{tf.Offset(e.Pos), tf.Offset(end), string(e.NewText)})
		}
		for name, edits := range byFile {
			t, why := target(name)
			if t == nil {
				left = append(left, unfixed{f, why})
				continue next
			}
			if overlaps(t.edits, edits) {
				left = append(left, unfixed{f, "its fix overlaps another one; run kerrlint -fix again"})
				continue next
			}
		}
		for name, edits := range byFile {
			t := targets[name]
			for _, e := range edits {
				if !slices.Contains(t.edits, e) {
					t.edits = append(t.edits, e)
				}
			}
			t.fixes = append(t.fixes, f)
		}
	}
	var list []*fixTarget
	for _, name := range slices.Sorted(maps.Keys(targets)) {
		if t := targets[name]; len(t.edits) > 0 {
			sort.Slice(t.edits, func(i, j int) bool { return t.edits[i].start > t.edits[j].start })
			list = append(list, t)
		}
	}
	exit := 0
	if diff {
		for _, t := range list {
			fmt.Fprint(stdout, unifiedDiff(shortPath(t.name), t.old, t.edits))
		}
		if len(list) > 0 {
			exit = 1
		}
	} else if err := writeFixed(list); err != nil {
		fmt.Fprintln(stderr, "kerrlint: -fix:", err)
		failed = true
		left = left[:0]
		for _, f := range fs {
			left = append(left, unfixed{f, ""})
		}
	} else if len(list) > 0 {
		n := 0
		for _, t := range list {
			n += len(t.fixes)
		}
		fmt.Fprintf(stderr, "kerrlint: -fix: applied %d %s to %d %s\n", n, plural(n, "fix", "fixes"), len(list), plural(len(list), "file", "files"))
	}
	if len(left) > 0 {
		for _, u := range left {
			printText(stderr, []finding{u.finding}, context)
			if u.why != "" {
				fmt.Fprintf(stderr, "\tnot fixed: %s\n", u.why)
			}
		}
		fmt.Fprintf(stderr, "kerrlint: -fix: %d %s not fixed (above)\n", len(left), plural(len(left), "diagnostic", "diagnostics"))
	}
	switch {
	case failed:
		return 1
	case exit != 0:
		return exit
	case len(left) > 0:
		return 3
	}
	return 0
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// writeFixed writes every target or none: each new content goes to a
// temporary file in the target's directory, with the target's mode, and
// only when all are written are they renamed over the targets, after a
// last check that no target changed meanwhile. A rename that fails then
// (rare: the directory changed under it) is reported with the files
// written and those not.
func writeFixed(list []*fixTarget) error {
	type staged struct {
		t          *fixTarget
		path, temp string
	}
	var all []staged
	cleanup := func() {
		for _, s := range all {
			os.Remove(s.temp)
		}
	}
	for _, t := range list {
		fixed := slices.Clone(t.old)
		for _, e := range t.edits {
			if e.end > len(fixed) || e.start > e.end {
				cleanup()
				return fmt.Errorf("%s: a fix beyond the end of the file; nothing written", shortPath(t.name))
			}
			fixed = slices.Concat(fixed[:e.start], []byte(e.text), fixed[e.end:])
		}
		path, err := filepath.EvalSymlinks(t.name) // write the file, not a link to it
		if err == nil {
			err = checkWritable(path)
		}
		var temp string
		if err == nil {
			temp, err = writeTempBeside(path, fixed)
		}
		if err != nil {
			cleanup()
			return fmt.Errorf("%v; nothing written", err)
		}
		all = append(all, staged{t, path, temp})
	}
	for _, s := range all {
		content, err := safefile.ReadFile(s.path, true)
		if err != nil || sha256.Sum256(content) != sha256.Sum256(s.t.old) {
			cleanup()
			return fmt.Errorf("%s changed while kerrlint was fixing it; nothing written, run kerrlint -fix again", shortPath(s.t.name))
		}
	}
	for i, s := range all {
		if err := os.Rename(s.temp, s.path); err != nil {
			var written, not []string
			for _, w := range all[:i] {
				written = append(written, shortPath(w.t.name))
			}
			for _, w := range all[i:] {
				os.Remove(w.temp)
				not = append(not, shortPath(w.t.name))
			}
			return fmt.Errorf("%v; written: %v; not written: %v", err, written, not)
		}
	}
	return nil
}

// checkWritable fails unless path is a regular file this process may write.
func checkWritable(path string) error {
	info, err := os.Lstat(path)
	if err != nil {
		return err
	}
	if err := safefile.CheckRegular(path, info); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0) // no O_TRUNC: nothing changes
	if err != nil {
		return err
	}
	return f.Close()
}

// writeTempBeside writes content to a new temporary file beside path, with
// path's permissions, and returns its name.
func writeTempBeside(path string, content []byte) (string, error) {
	info, err := os.Stat(path)
	if err != nil {
		return "", err
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".kerrlint-*")
	if err != nil {
		return "", err
	}
	_, err = f.Write(content)
	if err == nil {
		err = f.Chmod(info.Mode().Perm())
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}
