package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/kgraph/kg/graph"
)

// What the tests of this package share: a kg binary built once, and a
// Neo4j server of their own that they may wipe, restart and load into
// while other packages' tests use the main one. Both are made on first
// use; TestMain releases them.
//
// The server lives in KG_TEST_NEO4J_HOME (default: the user cache
// directory, kg/test-neo4j), kept between runs so that only the first run
// pays for the Maven download and the initial password; each run takes
// free ports, and a lock file keeps two test runs from sharing it at once.
// It uses its own password, so a test can look for it in kg's output.

const testPassword = "kg-test-pw-Zq81r"

var shared struct {
	binOnce sync.Once
	bin     string
	binErr  error
	tmp     string // removed by TestMain

	srvOnce sync.Once
	srv     *testServer
	srvErr  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if s := shared.srv; s != nil {
		s.close()
	}
	if shared.tmp != "" {
		os.RemoveAll(shared.tmp)
	}
	os.Exit(code)
}

// repoRoot is the directory holding go.mod.
func repoRoot(tb testing.TB) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		up := filepath.Dir(dir)
		if up == dir {
			tb.Fatal("go.mod not found above the test directory")
		}
		dir = up
	}
}

// sharedTemp is a directory that lives as long as the test binary.
func sharedTemp(tb testing.TB) string {
	tb.Helper()
	if shared.tmp == "" {
		d, err := os.MkdirTemp("", "kg-cmd-test-")
		if err != nil {
			tb.Fatal(err)
		}
		shared.tmp = d
	}
	return shared.tmp
}

// kgBinary builds kg once for the tests that need a real process.
func kgBinary(tb testing.TB) string {
	tb.Helper()
	shared.binOnce.Do(func() {
		bin := filepath.Join(sharedTemp(tb), "kg")
		goTool, err := exec.LookPath("go")
		if err != nil {
			goTool = filepath.Join(runtime.GOROOT(), "bin", "go")
		}
		cmd := exec.Command(goTool, "build", "-o", bin, ".")
		out, err := cmd.CombinedOutput()
		if err != nil {
			shared.binErr = fmt.Errorf("go build kg: %v\n%s", err, out)
			return
		}
		shared.bin = bin
	})
	if shared.binErr != nil {
		tb.Fatal(shared.binErr)
	}
	return shared.bin
}

// testServer is the Neo4j of this package's tests.
type testServer struct {
	root     string // the repository
	home     string
	bolt     int
	http     int
	lock     *os.File
	store    *graph.Store
	password string
}

// server starts the tests' Neo4j on first use. Like every integration
// test, a test that needs it fails when it cannot start.
func server(tb testing.TB) *testServer {
	tb.Helper()
	if testing.Short() {
		tb.Skip("-short: this test starts a Neo4j server of its own")
	}
	shared.srvOnce.Do(func() { shared.srv, shared.srvErr = startServer(repoRoot(tb)) })
	if shared.srvErr != nil {
		tb.Fatalf("the fault tests need a Neo4j of their own (deploy/neo4j/neo4j with KG_NEO4J_HOME): %v", shared.srvErr)
	}
	return shared.srv
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func startServer(root string) (*testServer, error) {
	home := os.Getenv("KG_TEST_NEO4J_HOME")
	if home == "" {
		cache, err := os.UserCacheDir()
		if err != nil {
			return nil, err
		}
		home = filepath.Join(cache, "kg", "test-neo4j")
	}
	if err := os.MkdirAll(home, 0o755); err != nil {
		return nil, err
	}
	s := &testServer{root: root, home: home, password: testPassword}
	lock, err := os.OpenFile(home+".lock", os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	// Another test run using this home: wait for it to finish.
	if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_EX); err != nil {
		lock.Close()
		return nil, fmt.Errorf("lock %s: %w", lock.Name(), err)
	}
	s.lock = lock
	for _, p := range []*int{&s.bolt, &s.http} {
		if *p, err = freePort(); err != nil {
			s.close()
			return nil, err
		}
	}
	// A server left running by a killed test run may listen on other
	// ports; stop it first (a no-op when none runs).
	if err := s.ctl("stop"); err != nil {
		s.close()
		return nil, err
	}
	start := time.Now()
	if err := s.ctl("start"); err != nil {
		s.close()
		return nil, err
	}
	fmt.Fprintf(os.Stderr, "cmd/kg tests: Neo4j of their own at %s (home %s) started in %.0fs\n", s.uri(), home, time.Since(start).Seconds())
	ctx := context.Background()
	s.store, err = graph.Open(ctx, graph.Config{URI: s.uri(), Username: "neo4j", Password: s.password})
	if err == nil {
		err = s.store.Schema(ctx)
	}
	if err != nil {
		s.close()
		return nil, err
	}
	return s, nil
}

func (s *testServer) uri() string { return fmt.Sprintf("bolt://127.0.0.1:%d", s.bolt) }

// ctl runs deploy/neo4j/neo4j with this server's home and ports.
func (s *testServer) ctl(cmd string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	c := exec.CommandContext(ctx, filepath.Join(s.root, "deploy", "neo4j", "neo4j"), cmd)
	c.Env = append(os.Environ(),
		"KG_NEO4J_HOME="+s.home,
		fmt.Sprintf("KG_NEO4J_BOLT_PORT=%d", s.bolt),
		fmt.Sprintf("KG_NEO4J_HTTP_PORT=%d", s.http),
		"NEO4J_PASSWORD="+s.password,
	)
	out, err := c.CombinedOutput()
	if err != nil {
		return fmt.Errorf("neo4j %s: %v\n%s", cmd, err, out)
	}
	return nil
}

func (s *testServer) close() {
	if s.store != nil {
		s.store.Close(context.Background())
	}
	if err := s.ctl("stop"); err != nil {
		fmt.Fprintln(os.Stderr, "cmd/kg tests:", err)
	}
	if s.lock != nil {
		s.lock.Close() // releases the flock
	}
}

// flags are the connection flags of a kg command for this server.
func (s *testServer) flags() []string {
	return []string{"--uri", s.uri(), "--username", "neo4j", "--password", s.password, "--database", "neo4j"}
}

// env is the environment of a kg child process for this server: the
// caller's, without NEO4J_* and KG_* settings, plus this server's.
func (s *testServer) env() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "NEO4J_") && !strings.HasPrefix(kv, "KG_") {
			env = append(env, kv)
		}
	}
	return append(env, "NEO4J_URI="+s.uri(), "NEO4J_USERNAME=neo4j", "NEO4J_PASSWORD="+s.password, "NEO4J_DATABASE=neo4j")
}

// cypher runs a statement in its own transaction through the HTTP API
// (tests write outside graph.Store only to wipe) and returns the rows.
func (s *testServer) cypher(stmt string, params map[string]any) ([][]any, error) {
	body, err := json.Marshal(map[string]any{"statements": []any{map[string]any{"statement": stmt, "parameters": params}}})
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequest(http.MethodPost, fmt.Sprintf("http://127.0.0.1:%d/db/neo4j/tx/commit", s.http), bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.SetBasicAuth("neo4j", s.password)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	resp, err := (&http.Client{Timeout: 2 * time.Minute}).Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var out struct {
		Results []struct {
			Data []struct {
				Row []any `json:"row"`
			} `json:"data"`
		} `json:"results"`
		Errors []struct {
			Code    string `json:"code"`
			Message string `json:"message"`
		} `json:"errors"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return nil, fmt.Errorf("neo4j http %s: %w", resp.Status, err)
	}
	if len(out.Errors) > 0 {
		return nil, fmt.Errorf("neo4j http: %s: %s", out.Errors[0].Code, out.Errors[0].Message)
	}
	var rows [][]any
	for _, r := range out.Results {
		for _, d := range r.Data {
			rows = append(rows, d.Row)
		}
	}
	return rows, nil
}

// wipe deletes every node and relationship; the schema stays.
func (s *testServer) wipe(tb testing.TB) {
	tb.Helper()
	for {
		rows, err := s.cypher("MATCH (n) WITH n LIMIT 20000 DETACH DELETE n RETURN count(*)", nil)
		if err != nil {
			tb.Fatalf("wipe: %v", err)
		}
		if len(rows) == 1 && len(rows[0]) == 1 && rows[0][0] == float64(0) {
			return
		}
	}
}

// dump is the canonical text of the whole graph.
func (s *testServer) dump(tb testing.TB) []byte {
	tb.Helper()
	var b bytes.Buffer
	if err := s.store.Dump(context.Background(), &b, ""); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

func (s *testServer) counts(tb testing.TB) graph.Counts {
	tb.Helper()
	c, err := s.store.Counts(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// result is what one kg run did.
type result struct {
	code           int
	stdout, stderr string
	maxRSS         int64 // peak resident memory in bytes; child processes only
	killed         bool
}

// runInProcess calls run with buffers, as main would.
func runInProcess(args ...string) result {
	var out, errb bytes.Buffer
	code := run(context.Background(), append([]string{"kg"}, args...), strings.NewReader(""), &out, &errb)
	return result{code: code, stdout: out.String(), stderr: errb.String()}
}

// child is a kg process started by a test.
type child struct {
	cmd       *exec.Cmd
	out, errb bytes.Buffer
	done      chan struct{}
	res       result
	peak      atomic.Int64 // bytes, from watchPeak
}

// watchPeak follows the child's peak resident memory (VmHWM in
// /proc/PID/status, Linux only) until it ends. The rusage of a finished
// child is no use here: Go starts children with vfork semantics, so the
// kernel counts the test process's own memory in their ru_maxrss.
func (c *child) watchPeak() {
	path := fmt.Sprintf("/proc/%d/status", c.cmd.Process.Pid)
	for {
		select {
		case <-c.done:
			return
		default:
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return
		}
		for _, line := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
				kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
				if kb<<10 > c.peak.Load() {
					c.peak.Store(kb << 10)
				}
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// startKG starts the kg binary with args against s (nil: no server).
func startKG(tb testing.TB, s *testServer, args ...string) *child {
	tb.Helper()
	c := &child{done: make(chan struct{})}
	c.cmd = exec.Command(kgBinary(tb), args...)
	if s != nil {
		c.cmd.Env = s.env()
	}
	c.cmd.Stdout, c.cmd.Stderr = &c.out, &c.errb
	if err := c.cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	go c.watchPeak()
	go func() {
		defer close(c.done)
		err := c.cmd.Wait()
		c.res.stdout, c.res.stderr = c.out.String(), c.errb.String()
		c.res.code = c.cmd.ProcessState.ExitCode()
		c.res.maxRSS = c.peak.Load()
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL {
				c.res.killed = true
			}
		}
	}()
	return c
}

// wait waits for the child for at most d; it fails the test on timeout.
func (c *child) wait(tb testing.TB, d time.Duration) result {
	tb.Helper()
	select {
	case <-c.done:
		return c.res
	case <-time.After(d):
		c.cmd.Process.Kill()
		<-c.done
		tb.Fatalf("kg %s did not finish within %v\nstdout:\n%s\nstderr:\n%s", strings.Join(c.cmd.Args[1:], " "), d, c.res.stdout, c.res.stderr)
		return result{}
	}
}

// exited reports whether the child has ended.
func (c *child) exited() bool {
	select {
	case <-c.done:
		return true
	default:
		return false
	}
}

// runKG runs the kg binary to the end.
func runKG(tb testing.TB, s *testServer, args ...string) result {
	tb.Helper()
	return startKG(tb, s, args...).wait(tb, 10*time.Minute)
}

// checkOneLineError checks that a failed command printed its error as one
// "kg: …" line and no stack trace.
func checkOneLineError(tb testing.TB, r result) string {
	tb.Helper()
	if r.code == 0 {
		tb.Fatalf("exit status 0, want a failure\nstdout: %s\nstderr: %s", r.stdout, r.stderr)
	}
	noStackTrace(tb, r)
	lines := strings.Split(strings.TrimRight(r.stderr, "\n"), "\n")
	last := lines[len(lines)-1]
	if !strings.HasPrefix(last, "kg: ") {
		tb.Fatalf("last stderr line %q is not a kg: error\nstderr:\n%s", last, r.stderr)
	}
	return last
}

// noStackTrace fails when kg printed a panic or a stack trace.
func noStackTrace(tb testing.TB, r result) {
	tb.Helper()
	if strings.Contains(r.stderr, "goroutine ") || strings.Contains(r.stderr, "panic:") || strings.Contains(r.stderr, ".go:") {
		tb.Fatalf("stderr has a stack trace or source position:\n%s", r.stderr)
	}
}

// noSecret fails when secret appears in the output of r.
func noSecret(tb testing.TB, r result, secret string) {
	tb.Helper()
	for name, s := range map[string]string{"stdout": r.stdout, "stderr": r.stderr} {
		if strings.Contains(s, secret) {
			tb.Errorf("the password appears in %s:\n%s", name, s)
		}
	}
}
