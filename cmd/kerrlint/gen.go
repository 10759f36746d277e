package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/kerrlint/kerrlint/internal/idgen"
	"github.com/kerrlint/kerrlint/registry"
)

const genUsage = `usage: kerrlint registry gen [-pkg NAME] [-o FILE] [-registry PATH[,PATH]] [-embedded=false]

Writes Go source declaring one documented constant per error id of the
registry (the embedded Kuzzle 1.12 one merged with the -registry paths, as the
analyzer loads it; -embedded=false drops the embedded one). -pkg defaults to
$GOPACKAGE, which go generate sets. Without -o the source goes to standard
output; -o replaces FILE atomically, and refuses a symbolic link or anything
but a regular file. For example, in a package that embeds its codes:

	//go:generate go tool kerrlint registry gen -embedded=false -registry kuzzle -o ids.go
`

// registryGen is kerrlint registry gen.
func registryGen(args []string, stdout, stderr io.Writer) error {
	flags := flag.NewFlagSet("kerrlint registry gen", flag.ContinueOnError)
	flags.SetOutput(stderr)
	flags.Usage = func() { fmt.Fprint(stderr, genUsage) }
	pkg := flags.String("pkg", os.Getenv("GOPACKAGE"), "the package name of the generated file (default $GOPACKAGE)")
	out := flags.String("o", "", "write to this file instead of standard output")
	var paths genList
	flags.Var(&paths, "registry", "comma-separated registries (files, directories, plugin manifest.json) merged over the embedded one; may be repeated")
	embedded := flags.Bool("embedded", true, "use the embedded Kuzzle 1.12 registry")
	if err := flags.Parse(args); err != nil {
		return errUsage
	}
	if flags.NArg() > 0 || *pkg == "" {
		if *pkg == "" {
			fmt.Fprintln(stderr, "kerrlint registry gen: -pkg is required outside go generate")
		}
		flags.Usage()
		return errUsage
	}
	r, err := registry.Sources{NoEmbedded: !*embedded, Paths: paths}.Load()
	if err != nil {
		return err
	}
	toFile := *out != "" && *out != "-"
	base := "."
	if toFile {
		base = filepath.Dir(*out)
	}
	where, err := positionsFrom(base)
	if err != nil {
		return err
	}
	src, err := idgen.Generate(r, idgen.Options{Package: *pkg, Where: where})
	if err != nil {
		return fmt.Errorf("kerrlint registry gen: %v", err)
	}
	if !toFile {
		_, err = stdout.Write(src)
		return err
	}
	return writeAtomic(*out, src)
}

// genList is a comma-separated, repeatable list flag, as the analyzer's -registry.
type genList []string

func (l *genList) String() string { return strings.Join(*l, ",") }

func (l *genList) Set(s string) error {
	*l = append(*l, splitList(s)...)
	return nil
}

// positionsFrom returns how the generated file names where an entry is
// defined: file:line, the file relative to dir (the generated file's
// directory) when it lies inside dir's module, otherwise by its base name
// alone, so that the file does not depend on the machine it was generated on.
func positionsFrom(dir string) (func(registry.Position) string, error) {
	absDir, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	root := moduleRoot(absDir)
	return func(p registry.Position) string {
		file := p.File
		if strings.HasPrefix(file, registry.EmbeddedName) {
			return file // no line: the file is kerrlint's, not the module's
		}
		if file != "" {
			file = filepath.Base(file)
			if abs, err := filepath.Abs(p.File); err == nil && within(root, abs) {
				if rel, err := filepath.Rel(absDir, abs); err == nil {
					file = filepath.ToSlash(rel)
				}
			}
		}
		return registry.Position{File: file, Line: p.Line}.String()
	}, nil
}

// moduleRoot returns the directory of the go.mod governing dir, or dir.
func moduleRoot(dir string) string {
	for d := dir; ; {
		if info, err := os.Stat(filepath.Join(d, "go.mod")); err == nil && info.Mode().IsRegular() {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return dir
		}
		d = parent
	}
}

// within reports whether path is root or below it.
func within(root, path string) bool {
	rel, err := filepath.Rel(root, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// writeAtomic replaces path with data: written to a temporary file in the
// same directory, then renamed over path, so that a reader (or a failed
// run) never sees half a file. It refuses to write through a symbolic link
// or over anything but a regular file, and keeps an existing file's mode.
func writeAtomic(path string, data []byte) error {
	mode := fs.FileMode(0o644)
	switch info, err := os.Lstat(path); {
	case err == nil && info.Mode()&fs.ModeSymlink != 0:
		return fmt.Errorf("%s: is a symbolic link: not written through", path)
	case err == nil && !info.Mode().IsRegular():
		return fmt.Errorf("%s: not a regular file: not replaced", path)
	case err == nil:
		mode = info.Mode().Perm()
	case !errors.Is(err, fs.ErrNotExist):
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Chmod(mode)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}
