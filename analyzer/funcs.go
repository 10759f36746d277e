package analyzer

import (
	"fmt"
	"go/types"
	"slices"
	"strings"
)

// A FuncTarget is one -funcs entry: a function, or a method of a named type,
// whose string parameter Param holds an error id.
type FuncTarget struct {
	Pkg   string // the package path ("" when the entry names none)
	Recv  string // the receiver's type name, without '*'; "" for a function
	Name  string // the function's or method's name
	Param string // the id parameter's name
}

// Funcs are parsed -funcs entries, one per function: the value the
// relevance test, the resolution of calls and the standalone driver share,
// parsed once (by ParseFuncs, or by the flag as it is set).
type Funcs []FuncTarget

// ParseFuncs parses -funcs entries: pkg/path.Func:param,
// (*pkg/path.Type).Method:param or (pkg/path.Type).Method:param. A later
// entry for a function names its parameter instead of an earlier one.
func ParseFuncs(entries []string) (Funcs, error) {
	var fs Funcs
	for _, e := range entries {
		if err := fs.add(e); err != nil {
			return nil, err
		}
	}
	return fs, nil
}

// add parses one entry into fs.
func (fs *Funcs) add(entry string) error {
	name, param, ok := strings.Cut(entry, ":")
	if !ok || param == "" || name == "" {
		return fmt.Errorf("-funcs %q: want pkg/path.Func:param or (*pkg/path.Type).Method:param", entry)
	}
	var t FuncTarget
	if rest, ok := strings.CutPrefix(name, "("); ok {
		recv, method, ok := strings.Cut(rest, ").")
		recv = strings.TrimPrefix(recv, "*")
		if !ok || method == "" || recv == "" {
			return fmt.Errorf("-funcs %q: want (*pkg/path.Type).Method:param", entry)
		}
		t.Recv, t.Name = recv, method
		if i := strings.LastIndex(recv, "."); i >= 0 {
			t.Pkg, t.Recv = recv[:i], recv[i+1:]
		}
	} else {
		i := strings.LastIndex(name, ".")
		if i <= 0 || i == len(name)-1 {
			return fmt.Errorf("-funcs %q: want pkg/path.Func:param", entry)
		}
		t.Pkg, t.Name = name[:i], name[i+1:]
	}
	t.Param = param
	if i := slices.IndexFunc(*fs, func(o FuncTarget) bool { return o.Pkg == t.Pkg && o.Recv == t.Recv && o.Name == t.Name }); i >= 0 {
		(*fs)[i].Param = param
		return nil
	}
	*fs = append(*fs, t)
	return nil
}

// Packages returns the paths of the packages that declare a target, sorted,
// each once.
func (fs Funcs) Packages() []string {
	var paths []string
	for _, t := range fs {
		if p := t.pkg(); p != "" && !slices.Contains(paths, p) {
			paths = append(paths, p)
		}
	}
	slices.Sort(paths)
	return paths
}

// declares reports whether the package path declares a target.
func (fs Funcs) declares(path string) bool {
	return path != "" && slices.ContainsFunc(fs, func(t FuncTarget) bool { return t.pkg() == path })
}

// pkg returns the path of t's package, or "" when t names none a package
// can have (no package, or "pkg/.Func").
func (t FuncTarget) pkg() string {
	if strings.HasSuffix(t.Pkg, "/") {
		return ""
	}
	return t.Pkg
}

// param returns the name of fn's id parameter (fn is a generic function's
// or method's origin) when fs names fn; a method is named by its receiver's
// type, pointer or not.
func (fs Funcs) param(fn *types.Func) (string, bool) {
	if fn.Pkg() == nil {
		return "", false
	}
	pkg, recv := fn.Pkg().Path(), ""
	if r := fn.Signature().Recv(); r != nil {
		t := r.Type()
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		n, ok := types.Unalias(t).(*types.Named)
		if !ok || n.Obj().Pkg() == nil {
			return "", false
		}
		pkg, recv = n.Obj().Pkg().Path(), n.Obj().Name()
	}
	for _, t := range fs {
		if t.Pkg == pkg && t.Recv == recv && t.Name == fn.Name() {
			return t.Param, true
		}
	}
	return "", false
}
