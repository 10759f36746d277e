package loader

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/tools/go/packages"
)

// unmatchedWildcards returns the patterns with "..." that match none of the
// packages listed, as the go command's search.MatchPattern matches them:
// import path patterns against package paths, local ones against
// directories relative to the working directory. Narrowing, which reads the
// directories itself, stands aside when a wildcard matches no directory
// with Go files, so that this sees every such pattern.
func unmatchedWildcards(patterns []string, roots []*packages.Package) []string {
	cwd, err := os.Getwd()
	if err != nil {
		return nil
	}
	var out []string
	for _, pattern := range patterns {
		if !strings.Contains(pattern, "...") || strings.HasSuffix(pattern, ".go") {
			continue
		}
		local := isLocalPattern(pattern)
		match := matchPattern(strings.TrimPrefix(pattern, "./"))
		if !slices.ContainsFunc(roots, func(p *packages.Package) bool {
			if !local {
				return match(p.PkgPath)
			}
			dir := p.Dir
			if dir == "" && len(p.GoFiles) > 0 {
				dir = filepath.Dir(p.GoFiles[0])
			}
			rel, err := filepath.Rel(cwd, dir)
			return err == nil && dir != "" && match(filepath.ToSlash(rel))
		}) {
			out = append(out, pattern)
		}
	}
	return out
}

// matchPattern is the go command's search.MatchPattern without its vendor
// rule: "..." matches any string, and a trailing "/..." also matches the
// empty string ("x/..." matches "x").
func matchPattern(pattern string) func(string) bool {
	re := regexp.QuoteMeta(pattern)
	if strings.HasSuffix(re, `/\.\.\.`) {
		re = strings.TrimSuffix(re, `/\.\.\.`) + `(/\.\.\.)?`
	}
	re = strings.ReplaceAll(re, `\.\.\.`, `.*`)
	reg := regexp.MustCompile(`^` + re + `$`)
	return func(name string) bool {
		if pattern == "..." {
			return true // "./..." from the working directory: "." too
		}
		return reg.MatchString(name)
	}
}
