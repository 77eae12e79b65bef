package browser

import (
	"errors"
	"net/url"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// readLink reads a link the way Neo4j Browser 5.24 does (populateEditorFromUrlEpic
// and discoveryOnStartupEpic): cmd from the raw URL, arg after replacing '+'
// by a space and decoding the whole URL once, dbms and db with
// URLSearchParams, dbms decoded once more.
func readLink(t *testing.T, link string) (cmd, arg, dbms, db string) {
	t.Helper()
	param := func(name, s string) []string {
		var out []string
		for _, m := range regexp.MustCompile(`[?&]`+name+`=([^&#]*)`).FindAllStringSubmatch(s, -1) {
			out = append(out, m[1])
		}
		return out
	}
	if c := param("cmd", link); len(c) > 0 {
		cmd = c[0]
	}
	decoded, err := url.PathUnescape(strings.ReplaceAll(link, "+", " "))
	if err != nil {
		t.Fatalf("Browser's decodeURIComponent would throw on %s: %v", link, err)
	}
	arg = strings.Join(param("arg", decoded), "\n")
	u, err := url.Parse(link)
	if err != nil {
		t.Fatal(err)
	}
	dbms, err = url.PathUnescape(u.Query().Get("dbms"))
	if err != nil {
		t.Fatal(err)
	}
	return cmd, arg, dbms, u.Query().Get("db")
}

func TestEdit(t *testing.T) {
	l := Link{Browser: "http://127.0.0.1:7474/browser/", URI: "bolt://127.0.0.1:7687", User: "neo4j", Database: "neo4j"}
	for _, text := range []string{
		"MATCH (n) RETURN n LIMIT 1",
		":play http://localhost:7480/guide.html",
		":param [{entity, limit}] => { RETURN \"سيرغي لافروف\" AS entity, 5 AS limit };\nMATCH (e:Entity)\nWHERE e.name = $entity\nRETURN e LIMIT $limit",
		"RETURN 1 + 2 AS three, '50%' AS half, \"a b\" AS spaced",
	} {
		link, err := l.Edit(text)
		if err != nil {
			t.Fatalf("Edit(%q): %v", text, err)
		}
		cmd, arg, dbms, db := readLink(t, link)
		if cmd != "edit" || arg != text || dbms != "bolt://neo4j@127.0.0.1:7687" || db != "neo4j" {
			t.Errorf("Edit(%q) = %s\nBrowser reads cmd %q, arg %q, dbms %q, db %q", text, link, cmd, arg, dbms, db)
		}
		if !strings.HasPrefix(link, "http://127.0.0.1:7474/browser/?") {
			t.Errorf("link %s is not on Browser's address", link)
		}
	}
	for _, bad := range []string{"", "  ", "RETURN 'a&b'", "RETURN 1 // #1"} {
		if link, err := l.Edit(bad); !errors.Is(err, ErrLink) {
			t.Errorf("Edit(%q) = %s, %v; want ErrLink", bad, link, err)
		}
	}
}

func TestPlay(t *testing.T) {
	l := Link{Browser: "http://127.0.0.1:7474/browser/", URI: "neo4j://db.example:7687", Database: "news"}
	guide := QueryPage("http://localhost:7480", "neighbourhood", map[string]string{"entity": "person:a&b#c", "limit": "5"})
	link, err := l.Play(guide)
	if err != nil {
		t.Fatal(err)
	}
	cmd, arg, dbms, db := readLink(t, link)
	if cmd != "play" || arg != guide || dbms != "neo4j://db.example:7687" || db != "news" {
		t.Errorf("Play(%q) = %s\nBrowser reads cmd %q, arg %q, dbms %q, db %q", guide, link, cmd, arg, dbms, db)
	}
	u, err := url.Parse(arg)
	if err != nil {
		t.Fatal(err)
	}
	got, err := decodePageParams(u.Query().Get("p"))
	if want := map[string]string{"entity": "person:a&b#c", "limit": "5"}; err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("page parameters read back as %q (%v), want %q", got, err, want)
	}
	for _, bad := range []string{"file:///etc/passwd", "javascript:alert(1)", "http://x/?a=1&b=2", "http://x/#slide-2"} {
		if link, err := l.Play(bad); !errors.Is(err, ErrLink) {
			t.Errorf("Play(%q) = %s, %v; want ErrLink", bad, link, err)
		}
	}
}

func TestQueryPageWithoutParams(t *testing.T) {
	if got, want := QueryPage("http://localhost:7480/", "graph-overview", nil), "http://localhost:7480/query/graph-overview.html"; got != want {
		t.Errorf("QueryPage = %q, want %q", got, want)
	}
	if _, err := decodePageParams("not base64!"); err == nil {
		t.Error("bad parameters decoded without error")
	}
}

func TestDefaultBrowser(t *testing.T) {
	tests := []struct{ uri, want string }{
		{"bolt://127.0.0.1:7687", "http://127.0.0.1:7474/browser/"},
		{"neo4j://db.example", "http://db.example:7474/browser/"},
		{"neo4j+s://x.databases.neo4j.io", "https://x.databases.neo4j.io:7473/browser/"},
		{"bolt://[::1]:7687", "http://[::1]:7474/browser/"},
	}
	for _, tt := range tests {
		if got, err := DefaultBrowser(tt.uri); err != nil || got != tt.want {
			t.Errorf("DefaultBrowser(%q) = %q, %v; want %q", tt.uri, got, err, tt.want)
		}
	}
	if _, err := DefaultBrowser("not a uri"); !errors.Is(err, ErrLink) {
		t.Errorf("DefaultBrowser of a bad URI: %v, want ErrLink", err)
	}
}
