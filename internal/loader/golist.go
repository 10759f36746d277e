package loader

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"os/exec"
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/packages"
)

// goEnvironment is the go command's environment, asked for once per load:
// narrowing checks the module and settings against it, type-checking takes
// the target's sizes from it.
type goEnvironment struct {
	done                                   chan struct{}
	gomod, gowork, goroot, goflags, goarch string
	err                                    error
}

// startGoEnv runs go env in the background.
func startGoEnv() *goEnvironment {
	e := &goEnvironment{done: make(chan struct{})}
	go func() {
		defer close(e.done)
		var v []string
		if v, e.err = goEnv("GOMOD", "GOWORK", "GOROOT", "GOFLAGS", "GOARCH"); e.err == nil {
			e.gomod, e.gowork, e.goroot, e.goflags, e.goarch = v[0], v[1], v[2], v[3], v[4]
		}
	}()
	return e
}

// wait returns the environment once go env is done.
func (e *goEnvironment) wait() (*goEnvironment, error) {
	<-e.done
	return e, e.err
}

// exportPrefetch is a go list -export started before it is known to be
// needed.
type exportPrefetch struct {
	done   chan struct{}
	listed map[string]listedPackage // by import path
	err    error
}

// prefetchExports starts listing the export data of paths, or returns nil
// when there are none.
func prefetchExports(paths []string) *exportPrefetch {
	if len(paths) == 0 {
		return nil
	}
	e := &exportPrefetch{done: make(chan struct{}), listed: map[string]listedPackage{}}
	go func() {
		defer close(e.done)
		e.err = goList([]string{"-export"}, paths, func(lp listedPackage) { e.listed[lp.ImportPath] = lp })
	}()
	return e
}

// wait returns what was listed, once it is; nothing if the listing failed
// (the paths are then listed again, by those that need them).
func (e *exportPrefetch) wait() map[string]listedPackage {
	if e == nil {
		return nil
	}
	<-e.done
	if e.err != nil {
		return nil
	}
	return e.listed
}

// exportLister lists the export data of packages as they are asked for: a
// request made while a listing runs waits for the next one, which takes
// every package asked for meanwhile, so that the go command runs about once
// per level of the import graph where export data turns out to be needed.
type exportLister struct {
	prefetch *exportPrefetch
	mu       sync.Mutex
	listed   map[*packages.Package]*exportBatch // the batch listing each package asked for
	next     *exportBatch                       // the batch requests join
	running  bool
}

// exportBatch is one go list -export.
type exportBatch struct {
	pkgs []*packages.Package
	done chan struct{}
	err  error
}

// request asks for the export data of pkgs (none a test variant), and
// returns the batches that list it.
func (l *exportLister) request(pkgs []*packages.Package) []*exportBatch {
	l.mu.Lock()
	defer l.mu.Unlock()
	var batches []*exportBatch
	for _, p := range pkgs {
		b := l.listed[p]
		if b == nil {
			if l.next == nil {
				l.next = &exportBatch{done: make(chan struct{})}
			}
			b = l.next
			b.pkgs = append(b.pkgs, p)
			l.listed[p] = b
		}
		if !slices.Contains(batches, b) {
			batches = append(batches, b)
		}
	}
	if !l.running && l.next != nil {
		l.running = true
		go l.run()
	}
	return batches
}

// run lists batches until none is waiting.
func (l *exportLister) run() {
	for {
		l.mu.Lock()
		b := l.next
		l.next = nil
		if b == nil {
			l.running = false
			l.mu.Unlock()
			return
		}
		l.mu.Unlock()
		b.err = listExports(b.pkgs, l.prefetch)
		close(b.done)
	}
}

// ensure gives pkgs their types: from source when it can, else from export
// data, listing what is not listed yet.
func (e *exportLoader) ensure(pkgs []*packages.Package) {
	e.parseAhead(pkgs)
	var fromData []*packages.Package
	e.mu.Lock()
	for _, p := range pkgs {
		if !e.fromSource(p) {
			fromData = append(fromData, p)
		}
	}
	e.mu.Unlock()
	for _, b := range e.lister.request(fromData) {
		<-b.done
	}
	for _, p := range fromData {
		e.load(p)
	}
}

// listExports asks the go command for the export data of pkgs (none of them
// a test variant), building what it must; those prefetched are not asked
// again.
func listExports(pkgs []*packages.Package, prefetched *exportPrefetch) error {
	listed := prefetched.wait()
	set := func(p *packages.Package, lp listedPackage) {
		p.ExportFile = lp.Export
		if p.Name == "" {
			p.Name = lp.Name
		}
	}
	byPath := map[string]*packages.Package{}
	for _, p := range pkgs {
		if lp, ok := listed[p.ID]; ok {
			set(p, lp)
		} else {
			byPath[p.ID] = p
		}
	}
	if len(byPath) == 0 {
		return nil
	}
	return goList([]string{"-export"}, slices.Sorted(maps.Keys(byPath)), func(lp listedPackage) {
		if p := byPath[lp.ImportPath]; p != nil {
			set(p, lp)
		}
	})
}

// listedPackage is the part of go list -json's output that the loader reads.
type listedPackage struct {
	ImportPath, Name, Dir, Export string
	CompiledGoFiles, Imports      []string
}

// goList runs go list -e -json with flags on paths and calls f on each package.
func goList(flags, paths []string, f func(listedPackage)) error {
	args := append([]string{"list", "-e", "-json=ImportPath,Name,Dir,Export,CompiledGoFiles,Imports"}, flags...)
	args = append(append(args, "--"), paths...)
	var stdout, stderr bytes.Buffer
	cmd := exec.Command("go", args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go list: %v: %s", err, stderr.Bytes())
	}
	for dec := json.NewDecoder(&stdout); ; {
		var lp listedPackage
		if err := dec.Decode(&lp); err == io.EOF {
			return nil
		} else if err != nil {
			return fmt.Errorf("go list: %v", err)
		}
		f(lp)
	}
}

// goEnv returns the go command's values of environment variables, one per
// name.
func goEnv(names ...string) ([]string, error) {
	out, err := exec.Command("go", append([]string{"env"}, names...)...).Output()
	if err != nil {
		return nil, fmt.Errorf("go env %s: %v", strings.Join(names, " "), err)
	}
	values := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(values) != len(names) {
		return nil, fmt.Errorf("go env %s: %d values", strings.Join(names, " "), len(values))
	}
	return values, nil
}
