package browser

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/kgraph/kg/queries"
)

func serve(t *testing.T, s *Server, method, target string, header map[string]string) (*http.Response, string) {
	t.Helper()
	req := httptest.NewRequest(method, target, nil)
	for k, v := range header {
		if k == "Host" {
			req.Host = v
			continue
		}
		req.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	s.Handler().ServeHTTP(w, req)
	res := w.Result()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

func TestServerRoutes(t *testing.T) {
	g := &fakeGraph{ok: func(string, map[string]any) bool { return true }}
	s := &Server{Run: g.run, Base: "http://localhost:7480", Origins: []string{"http://127.0.0.1:7474"}}
	all, err := queries.All()
	if err != nil {
		t.Fatal(err)
	}

	res, body := serve(t, s, "GET", "/kg.grass", nil)
	if res.StatusCode != 200 || body != Grass() || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/plain") {
		t.Errorf("/kg.grass: %d %s, %d bytes", res.StatusCode, res.Header.Get("Content-Type"), len(body))
	}

	res, body = serve(t, s, "GET", "/guide.html", nil)
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("/guide.html: %d %s\n%s", res.StatusCode, res.Header.Get("Content-Type"), body)
	}
	for _, q := range all {
		if !strings.Contains(body, `data-query="`+q.Name+`"`) {
			t.Errorf("/guide.html has no slide for %s", q.Name)
		}
	}
	if !strings.Contains(body, `RETURN &#34;person:a&#34; AS entity`) {
		t.Errorf("/guide.html does not set entity to the graph's top person")
	}

	page := QueryPage("", "neighbourhood", map[string]string{"entity": "place:y", "limit": "7"})
	res, body = serve(t, s, "GET", page, nil)
	if res.StatusCode != 200 || !strings.Contains(body, `RETURN &#34;place:y&#34; AS entity, true AS coMentions, 7 AS limit`) || strings.Contains(body, "<slide") {
		t.Errorf("%s: %d, want one slide (without <slide>) with the given values:\n%s", page, res.StatusCode, body)
	}

	for _, tt := range []struct {
		target string
		code   int
	}{
		{"/query/nosuch.html", 404},
		{"/query/neighbourhood", 404},
		{"/query/neighbourhood.html?p=!!", 400},
		{QueryPage("", "neighbourhood", map[string]string{"nosuch": "1"}), 400},
		{QueryPage("", "neighbourhood", map[string]string{"limit": "many"}), 400},
		{"/nosuch", 404},
		{"/healthz", 200},
		{"/", 200},
	} {
		if res, body := serve(t, s, "GET", tt.target, nil); res.StatusCode != tt.code {
			t.Errorf("GET %s: %d, want %d\n%s", tt.target, res.StatusCode, tt.code, body)
		}
	}
}

// TestServerCORS: Browser fetches guides with Pragma and Cache-Control
// headers, so Chromium sends a preflight first; only Browser's origin gets
// an answer.
func TestServerCORS(t *testing.T) {
	s := &Server{Base: "http://localhost:7480", Origins: []string{"http://127.0.0.1:7474"}}
	pre := map[string]string{
		"Origin":                                 "http://127.0.0.1:7474",
		"Access-Control-Request-Method":          "GET",
		"Access-Control-Request-Headers":         "cache-control,pragma",
		"Access-Control-Request-Private-Network": "true",
	}
	res, _ := serve(t, s, "OPTIONS", "/guide.html", pre)
	want := map[string]string{
		"Access-Control-Allow-Origin":          "http://127.0.0.1:7474",
		"Access-Control-Allow-Headers":         "cache-control,pragma",
		"Access-Control-Allow-Private-Network": "true",
	}
	got := map[string]string{}
	for k := range want {
		got[k] = res.Header.Get(k)
	}
	if res.StatusCode != 204 || !reflect.DeepEqual(got, want) {
		t.Errorf("preflight: %d %q, want 204 %q", res.StatusCode, got, want)
	}
	res, _ = serve(t, s, "GET", "/kg.grass", map[string]string{"Origin": "http://127.0.0.1:7474"})
	if res.Header.Get("Access-Control-Allow-Origin") != "http://127.0.0.1:7474" {
		t.Errorf("GET from Browser's origin: no Access-Control-Allow-Origin")
	}

	pre["Origin"] = "http://evil.example"
	res, _ = serve(t, s, "OPTIONS", "/guide.html", pre)
	if res.StatusCode != 403 || res.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("preflight from another origin: %d, ACAO %q; want 403 and none", res.StatusCode, res.Header.Get("Access-Control-Allow-Origin"))
	}
	res, _ = serve(t, s, "GET", "/guide.html", map[string]string{"Origin": "http://evil.example"})
	if res.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("GET from another origin got Access-Control-Allow-Origin %q", res.Header.Get("Access-Control-Allow-Origin"))
	}
}

func TestServerHosts(t *testing.T) {
	s := &Server{Base: "http://localhost:7480", Hosts: LoopbackAliases("127.0.0.1:7480")}
	for host, code := range map[string]int{"localhost:7480": 200, "127.0.0.1:7480": 200, "[::1]:7480": 200, "LOCALHOST:7480": 200, "evil.example:7480": 421, "localhost:7481": 421} {
		if res, _ := serve(t, s, "GET", "/healthz", map[string]string{"Host": host}); res.StatusCode != code {
			t.Errorf("Host %s: %d, want %d", host, res.StatusCode, code)
		}
	}
}

// TestServerGraphDown: the guide still comes, with the defaults and a note.
func TestServerGraphDown(t *testing.T) {
	down := func(context.Context, string, map[string]any) ([]string, [][]any, error) {
		return nil, nil, errors.New("connection refused")
	}
	s := &Server{Run: down, Base: "http://localhost:7480"}
	res, body := serve(t, s, "GET", "/guide.html", nil)
	if res.StatusCode != 200 || !strings.Contains(body, "kg could not read the graph") || !strings.Contains(body, "connection refused") ||
		!strings.Contains(body, `RETURN &#34;place:syria&#34; AS entity`) {
		t.Errorf("graph down: %d, want the guide with the defaults and a note:\n%s", res.StatusCode, body)
	}
}
