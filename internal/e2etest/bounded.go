//go:build unix

package e2etest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Bounds limit a command of the hostile-input suite, so that a hang or a
// blow-up fails the test instead of hanging or exhausting CI's machine.
type Bounds struct {
	Time   time.Duration // wall clock, the whole process group
	Memory int64         // virtual memory of each process, bytes (ulimit -v)
}

// DefaultBounds are generous for go vet on a small module, far below what
// a hang or an unbounded read reaches.
var DefaultBounds = Bounds{Time: 2 * time.Minute, Memory: 4 << 30}

// RunBounded is Run within b: the command runs under sh with ulimit -v
// and in its own process group, killed whole when the time is up. A command
// that exceeds a bound fails the test with what it printed so far.
func RunBounded(t testing.TB, b Bounds, dir string, env []string, name string, args ...string) Result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), b.Time)
	defer cancel()
	script := `exec "$@"`
	if b.Memory > 0 && runtime.GOOS == "linux" {
		script = fmt.Sprintf(`ulimit -v %d && exec "$@"`, b.Memory>>10)
	}
	cmd := exec.CommandContext(ctx, "sh", append([]string{"-c", script, "sh", name}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 5 * time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("%s %s: still running after %v (a hang); stderr so far:\n%s", name, strings.Join(args, " "), b.Time, tail(stderr.String()))
	}
	var exit *exec.ExitError
	code := 0
	if errors.As(err, &exit) {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
	}
	if out := stderr.String(); strings.Contains(out, "fatal error: out of memory") || strings.Contains(out, "runtime: out of memory") {
		t.Fatalf("%s %s: ran out of memory (%d MiB bound):\n%s", name, strings.Join(args, " "), b.Memory>>20, tail(out))
	}
	return Result{stdout.String(), stderr.String(), code}
}

func tail(s string) string {
	if len(s) > 4000 {
		return "…" + s[len(s)-4000:]
	}
	return s
}
