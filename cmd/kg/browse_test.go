package main

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/kgraph/kg/browser"
	"github.com/kgraph/kg/queries"
)

// browseRun runs kg in-process with args and returns its exit status and
// output. None of these tests needs Neo4j: links are built without it.
func browseRun(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(context.Background(), append([]string{"kg"}, args...), strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

// linkArg returns the command of a Browser link and its argument.
func linkArg(t *testing.T, link string) (cmd, arg string) {
	t.Helper()
	u, err := url.Parse(strings.TrimSpace(link))
	if err != nil {
		t.Fatalf("not a URL: %q", link)
	}
	return u.Query().Get("cmd"), u.Query().Get("arg")
}

func closedAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

func TestBrowsePrintOnly(t *testing.T) {
	code, out, errs := browseRun("browse", "--print-only")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{
		"http://127.0.0.1:7474/browser/?dbms=bolt%3A%2F%2Fneo4j%40127.0.0.1%3A7687&db=neo4j&cmd=edit&arg=%3Aplay+http%3A%2F%2Flocalhost%3A7480%2Fguide.html",
		":play http://localhost:7480/guide.html",
		"kg browse",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

// TestGuideLinksGraph checks that the link drawing the graph is printed
// whether kg browse serves the guide or not, and the note on starting kg
// browse only when it does not.
func TestGuideLinksGraph(t *testing.T) {
	link := browser.Link{Browser: "http://127.0.0.1:7474/browser/", URI: "bolt://127.0.0.1:7687", User: "neo4j", Database: "neo4j"}
	for _, serving := range []bool{true, false} {
		var b bytes.Buffer
		if err := printGuideLinks(&b, link, "http://localhost:7480", serving); err != nil {
			t.Fatal(err)
		}
		var graph []string
		for _, line := range strings.Split(b.String(), "\n") {
			if !strings.HasPrefix(strings.TrimSpace(line), "http") {
				continue
			}
			if cmd, arg := linkArg(t, line); cmd == "edit" && arg == overviewQuery {
				graph = append(graph, line)
			}
		}
		if len(graph) != 1 {
			t.Errorf("serving %v: %d links to the graph, want 1:\n%s", serving, len(graph), b.String())
		}
		if note := strings.Contains(b.String(), "start it with `kg browse`"); note == serving {
			t.Errorf("serving %v: note on starting kg browse printed: %v\n%s", serving, note, b.String())
		}
	}
}

func TestQueryBrowser(t *testing.T) {
	t.Run("no parameters: the query in the editor", func(t *testing.T) {
		q, err := queries.Get("graph-overview")
		if err != nil {
			t.Fatal(err)
		}
		code, out, errs := browseRun("query", "graph-overview", "--browser", "--browse-addr", closedAddr(t))
		cmd, arg := linkArg(t, out)
		if code != 0 || cmd != "edit" || arg != browser.Body(q) || errs != "" {
			t.Errorf("exit %d, cmd %q, arg %q, stderr %q: want the query's body in the editor", code, cmd, arg, errs)
		}
	})
	t.Run("kg browse not running: parameters and query in the editor", func(t *testing.T) {
		code, out, errs := browseRun("query", "neighbourhood", "--param", "entity=سيرغي لافروف", "--browser", "--browse-addr", closedAddr(t))
		cmd, arg := linkArg(t, out)
		want := `:param [{entity, coMentions, limit}] => { RETURN "سيرغي لافروف" AS entity, true AS coMentions, 50 AS limit };` + "\nMATCH (e:Entity)"
		if code != 0 || cmd != "edit" || !strings.HasPrefix(arg, want) {
			t.Errorf("exit %d, cmd %q, arg %q\nwant it to start with %q", code, cmd, arg, want)
		}
		if !strings.Contains(errs, "kg browse is not running") {
			t.Errorf("stderr %q does not say kg browse is not running", errs)
		}
	})
	t.Run("kg browse running: a slide for the query", func(t *testing.T) {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/healthz" {
				w.Write([]byte("ok\n"))
				return
			}
			http.NotFound(w, r)
		}))
		defer srv.Close()
		addr := strings.TrimPrefix(srv.URL, "http://")
		_, port, _ := net.SplitHostPort(addr)
		code, out, errs := browseRun("query", "neighbourhood", "--param", "entity=person:sergey-lavrov", "--browser", "--browse-addr", addr,
			"--uri", "neo4j://db.example:7687", "--database", "news")
		cmd, arg := linkArg(t, out)
		if code != 0 || cmd != "play" || !strings.HasPrefix(arg, "http://localhost:"+port+"/query/neighbourhood.html?p=") {
			t.Errorf("exit %d, cmd %q, arg %q (stderr %s): want a play link to kg browse's page", code, cmd, arg, errs)
		}
		if !strings.HasPrefix(out, "http://db.example:7474/browser/?dbms=neo4j%3A%2F%2Fneo4j%40db.example%3A7687&db=news&") {
			t.Errorf("link %q does not open Browser on the --uri host and database", out)
		}
	})
	t.Run("bad parameter", func(t *testing.T) {
		code, out, errs := browseRun("query", "neighbourhood", "--param", "limit=many", "--browser")
		if code == 0 || out != "" || !strings.Contains(errs, "limit") {
			t.Errorf("exit %d, stdout %q, stderr %q: want a failure naming the parameter", code, out, errs)
		}
	})
}

func TestGuideBase(t *testing.T) {
	for addr, want := range map[string]string{
		"127.0.0.1:7480":   "http://localhost:7480",
		"localhost:7480":   "http://localhost:7480",
		"[::1]:7480":       "http://localhost:7480",
		":7480":            "http://localhost:7480",
		"0.0.0.0:7480":     "http://localhost:7480",
		"10.1.2.3:7480":    "http://10.1.2.3:7480",
		"kg.example:80":    "http://kg.example:80",
		"no-port-given.io": "http://no-port-given.io",
	} {
		if got := guideBase(addr); got != want {
			t.Errorf("guideBase(%q) = %q, want %q", addr, got, want)
		}
	}
}
