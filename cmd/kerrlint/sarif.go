package main

import (
	"encoding/json"
	"go/token"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/kerrlint/kerrlint/analyzer"
	"github.com/kerrlint/kerrlint/internal/safefile"
	"golang.org/x/tools/go/analysis"
)

// The SARIF 2.1.0 log kerrlint writes with -f sarif: the subset of the
// format GitHub code scanning reads (one run, one rule per check, results
// with relative URIs under %SRCROOT%, regions, related locations, fixes).
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool               sarifTool                   `json:"tool"`
		OriginalURIBaseIDs map[string]sarifArtifactLoc `json:"originalUriBaseIds,omitempty"`
		Results            []sarifResult               `json:"results"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		InformationURI string      `json:"informationUri"`
		Version        string      `json:"version"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string        `json:"id"`
		ShortDescription     sarifText     `json:"shortDescription"`
		FullDescription      sarifText     `json:"fullDescription"`
		Help                 sarifText     `json:"help"`
		HelpURI              string        `json:"helpUri"`
		DefaultConfiguration sarifRuleConf `json:"defaultConfiguration"`
	}
	sarifRuleConf struct {
		Level string `json:"level"`
	}
	sarifText struct {
		Text string `json:"text"`
	}
	sarifResult struct {
		RuleID           string          `json:"ruleId"`
		RuleIndex        int             `json:"ruleIndex"`
		Level            string          `json:"level"`
		Message          sarifText       `json:"message"`
		Locations        []sarifLocation `json:"locations"`
		RelatedLocations []sarifLocation `json:"relatedLocations,omitempty"`
		Fixes            []sarifFix      `json:"fixes,omitempty"`
	}
	sarifLocation struct {
		ID               *int          `json:"id,omitempty"`
		PhysicalLocation sarifPhysical `json:"physicalLocation"`
		Message          *sarifText    `json:"message,omitempty"`
	}
	sarifPhysical struct {
		ArtifactLocation sarifArtifactLoc `json:"artifactLocation"`
		Region           *sarifRegion     `json:"region,omitempty"`
	}
	sarifArtifactLoc struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId,omitempty"`
	}
	sarifRegion struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn,omitempty"`
		EndLine     int `json:"endLine,omitempty"`
		EndColumn   int `json:"endColumn,omitempty"`
	}
	sarifFix struct {
		Description     sarifText             `json:"description"`
		ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
	}
	sarifArtifactChange struct {
		ArtifactLocation sarifArtifactLoc   `json:"artifactLocation"`
		Replacements     []sarifReplacement `json:"replacements"`
	}
	sarifReplacement struct {
		DeletedRegion   sarifRegion `json:"deletedRegion"`
		InsertedContent *sarifText  `json:"insertedContent,omitempty"`
	}
)

// srcRoot is the URI base of every relative artifact location: the current
// directory, as the text output's paths.
const srcRoot = "%SRCROOT%"

// printSARIF writes the findings as a SARIF 2.1.0 log.
func printSARIF(w io.Writer, fs []finding) error {
	wd, _ := os.Getwd()
	run := sarifRun{
		Tool:    sarifTool{Driver: sarifDriver{Name: "kerrlint", InformationURI: analyzer.Analyzer.URL, Version: version()}},
		Results: []sarifResult{},
	}
	if wd != "" {
		run.OriginalURIBaseIDs = map[string]sarifArtifactLoc{srcRoot: {URI: fileURI(wd) + "/"}}
	}
	index := map[string]int{}
	for i, name := range analyzer.CheckNames() {
		index[name] = i
		summary, _ := analyzer.CheckSummary(name)
		section, anchor, _ := analyzer.CheckDoc(name)
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRule{
			ID:                   name,
			ShortDescription:     sarifText{summary},
			FullDescription:      sarifText{strings.TrimSpace(section)},
			Help:                 sarifText{strings.TrimSpace(section)},
			HelpURI:              analyzer.Analyzer.URL + "#" + anchor,
			DefaultConfiguration: sarifRuleConf{Level: "error"},
		})
	}
	cols := columns{}
	for _, f := range fs {
		fset := f.act.Package.Fset
		r := sarifResult{RuleID: f.d.Category, RuleIndex: index[f.d.Category], Level: "error", Message: sarifText{f.d.Message},
			Locations: []sarifLocation{cols.location(wd, f.pos, f.end)}}
		for i, rel := range f.d.Related {
			loc := cols.location(wd, fset.Position(rel.Pos), fset.Position(rel.End))
			loc.ID, loc.Message = &i, &sarifText{rel.Message}
			r.RelatedLocations = append(r.RelatedLocations, loc)
		}
		for _, fix := range f.d.SuggestedFixes {
			r.Fixes = append(r.Fixes, cols.fix(wd, fset, fix))
		}
		run.Results = append(run.Results, r)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(sarifLog{Schema: "https://json.schemastore.org/sarif-2.1.0.json", Version: "2.1.0", Runs: []sarifRun{run}})
}

// artifact is the location of a file: relative to %SRCROOT% when it is
// below the current directory, else an absolute file URI.
func artifact(wd, name string) sarifArtifactLoc {
	if wd != "" {
		if rel, err := filepath.Rel(wd, name); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel) {
			return sarifArtifactLoc{URI: (&url.URL{Path: filepath.ToSlash(rel)}).EscapedPath(), URIBaseID: srcRoot}
		}
	}
	return sarifArtifactLoc{URI: fileURI(name)}
}

func fileURI(path string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
}

// columns converts go/token's byte columns to SARIF's default unit, UTF-16
// code units, reading each file once.
type columns map[string][]string

func (c columns) column(pos token.Position) int {
	lines, ok := c[pos.Filename]
	if !ok {
		if data, err := safefile.ReadFile(pos.Filename, true); err == nil {
			lines = strings.Split(string(data), "\n")
		}
		c[pos.Filename] = lines
	}
	if pos.Line < 1 || pos.Line > len(lines) {
		return pos.Column
	}
	line := lines[pos.Line-1]
	prefix := line[:min(max(pos.Column-1, 0), len(line))]
	n := 0
	for len(prefix) > 0 {
		r, size := utf8.DecodeRuneInString(prefix)
		prefix = prefix[size:]
		n += len(utf16.Encode([]rune{r}))
	}
	return n + 1
}

func (c columns) region(pos, end token.Position) *sarifRegion {
	if !pos.IsValid() || pos.Line < 1 {
		return nil
	}
	r := &sarifRegion{StartLine: pos.Line, StartColumn: c.column(pos)}
	if end.IsValid() && end.Filename == pos.Filename && end.Line >= pos.Line {
		r.EndLine, r.EndColumn = end.Line, c.column(end)
	}
	return r
}

func (c columns) location(wd string, pos, end token.Position) sarifLocation {
	return sarifLocation{PhysicalLocation: sarifPhysical{ArtifactLocation: artifact(wd, pos.Filename), Region: c.region(pos, end)}}
}

func (c columns) fix(wd string, fset *token.FileSet, fix analysis.SuggestedFix) sarifFix {
	out := sarifFix{Description: sarifText{fix.Message}}
	byFile := map[string]int{}
	for _, e := range fix.TextEdits {
		pos, end := fset.Position(e.Pos), fset.Position(e.End)
		if !e.End.IsValid() {
			end = pos
		}
		i, ok := byFile[pos.Filename]
		if !ok {
			i = len(out.ArtifactChanges)
			byFile[pos.Filename] = i
			out.ArtifactChanges = append(out.ArtifactChanges, sarifArtifactChange{ArtifactLocation: artifact(wd, pos.Filename)})
		}
		r := sarifReplacement{DeletedRegion: sarifRegion{StartLine: pos.Line, StartColumn: c.column(pos), EndLine: end.Line, EndColumn: c.column(end)}}
		if len(e.NewText) > 0 {
			r.InsertedContent = &sarifText{string(e.NewText)}
		}
		out.ArtifactChanges[i].Replacements = append(out.ArtifactChanges[i].Replacements, r)
	}
	return out
}
