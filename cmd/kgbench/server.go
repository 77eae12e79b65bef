package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// benchPassword is the password of the bench server's own home.
const benchPassword = "kg-bench-password"

// server is the bench's own Neo4j, run by deploy/neo4j/neo4j.
type server struct {
	root, home      string
	bolt, http      int
	heap, pagecache string
}

func (s *server) uri() string { return fmt.Sprintf("bolt://127.0.0.1:%d", s.bolt) }

// ctl runs deploy/neo4j/neo4j cmd for this server.
func (s *server) ctl(ctx context.Context, cmd string) error {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	c := exec.CommandContext(ctx, filepath.Join(s.root, "deploy", "neo4j", "neo4j"), cmd)
	c.Env = append(os.Environ(),
		"KG_NEO4J_HOME="+s.home,
		"KG_NEO4J_BOLT_PORT="+strconv.Itoa(s.bolt),
		"KG_NEO4J_HTTP_PORT="+strconv.Itoa(s.http),
		"KG_NEO4J_HEAP="+s.heap,
		"KG_NEO4J_PAGECACHE="+s.pagecache,
		"KG_NEO4J_TX_LOG_RETENTION=1 files",
		"NEO4J_PASSWORD="+benchPassword,
	)
	var out bytes.Buffer
	c.Stdout, c.Stderr = &out, &out
	if err := c.Run(); err != nil {
		return fmt.Errorf("deploy/neo4j/neo4j %s (home %s): %v\n%s", cmd, s.home, err, strings.TrimSpace(out.String()))
	}
	return nil
}

// fresh stops the server, deletes its database neo4j (the system database
// and the password stay) and starts it again: an empty database whose
// store files are new, as a first load would find.
func (s *server) fresh(ctx context.Context) error {
	if err := s.ctl(ctx, "stop"); err != nil {
		return err
	}
	for _, d := range []string{"databases/neo4j", "transactions/neo4j"} {
		if err := os.RemoveAll(filepath.Join(s.home, "data", d)); err != nil {
			return err
		}
	}
	return s.ctl(ctx, "start")
}

// cpu returns the CPU seconds the server's JVM has used, or -1.
func (s *server) cpu() float64 {
	b, err := os.ReadFile(filepath.Join(s.home, "run", "kg-neo4j.pid"))
	if err != nil {
		return -1
	}
	return processCPU(strings.TrimSpace(string(b)))
}

// processCPU reads utime+stime of a process from /proc, in seconds.
func processCPU(pid string) float64 {
	b, err := os.ReadFile("/proc/" + pid + "/stat")
	if err != nil {
		return -1
	}
	// The command name may hold spaces; fields start after its ')'.
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(f) < 13 {
		return -1
	}
	ut, _ := strconv.ParseFloat(f[11], 64)
	st, _ := strconv.ParseFloat(f[12], 64)
	return (ut + st) / 100 // USER_HZ is 100 on Linux
}
