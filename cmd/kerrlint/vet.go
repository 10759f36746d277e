package main

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// firstToReport reports whether this process should print the registry
// problems: go vet starts one kerrlint process per package, and the same
// problems must be printed once per go vet run. The processes of a run share
// their parent (the go command); the first one to create a marker named after
// that parent and the problems prints them. Where the parent cannot be
// identified reliably (its start time, against reused process ids), every
// process prints.
func firstToReport(problems string) bool {
	ppid := os.Getppid()
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", ppid))
	if err != nil {
		return true
	}
	// The start time is field 22; fields after the command name, which is
	// parenthesised and may hold spaces, are space-separated.
	_, after, ok := strings.Cut(string(stat), ") ")
	fields := strings.Fields(after)
	if !ok || len(fields) < 20 {
		return true
	}
	dir, ok := privateDir()
	if !ok {
		return true
	}
	removeStale(dir)
	sum := sha256.Sum256([]byte(problems))
	marker := filepath.Join(dir, fmt.Sprintf("%d-%s-%x", ppid, fields[19], sum[:8]))
	f, err := os.OpenFile(marker, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return !os.IsExist(err)
	}
	f.Close()
	return true
}

// markerName is the form of the markers firstToReport creates: parent
// process id, its start time, a hash of the problems.
var markerName = regexp.MustCompile(`^[0-9]+-[0-9]+-[0-9a-f]{16}$`)

// removeStale deletes markers of go vet runs more than a day old: regular
// files named as markers, nothing else.
func removeStale(dir string) {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if !e.Type().IsRegular() || !markerName.MatchString(e.Name()) {
			continue
		}
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > 24*time.Hour {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// registryFlagNotice is printed once per go vet run that names registry
// files with -registry: go vet caches results by the tool's identity (-V=full,
// which sees no flag) and its flags, not by the files the tool reads.
const registryFlagNotice = `kerrlint: note: go vet caches kerrlint's results without reading the files -registry names: after editing one, go vet may print stale results.
kerrlint: note: name them with KERRLINT_REGISTRY instead, or embed the registry in the program (//go:embed + kerror.UseFS/InstallFS): go vet follows edits to those.
`

// noteRegistryFlag prints registryFlagNotice, once per go vet run.
func noteRegistryFlag() {
	if firstToReport(registryFlagNotice) {
		os.Stderr.WriteString(registryFlagNotice)
	}
}

// goCommandDir returns the working directory of the go command running
// kerrlint under go vet (the parent process), where the platform tells it.
func goCommandDir() (string, bool) {
	dir, err := os.Readlink(fmt.Sprintf("/proc/%d/cwd", os.Getppid()))
	return dir, err == nil && filepath.IsAbs(dir)
}

// absRegistryPaths makes the relative paths of a comma-separated list
// absolute from dir ("": leaves them).
func absRegistryPaths(list, dir string) string {
	if list == "" || dir == "" {
		return list
	}
	paths := strings.Split(list, ",")
	for i, p := range paths {
		if p = strings.TrimSpace(p); p != "" && !filepath.IsAbs(p) {
			paths[i] = filepath.Join(dir, p)
		}
	}
	return strings.Join(paths, ",")
}
