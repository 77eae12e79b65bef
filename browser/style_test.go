package browser

import (
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

func TestParseGrass(t *testing.T) {
	tests := []struct {
		name, in string
		want     Style
	}{
		{"one rule", "node {\n  color: #A5ABB6;\n}\n",
			Style{{Selector: "node", Props: []Prop{{"color", "#A5ABB6"}}}}},
		{"single-quoted caption loses its quotes", "node.Person { caption: '{name}'; }",
			Style{{Selector: "node.Person", Props: []Prop{{"caption", "{name}"}}}}},
		{"double-quoted caption as :style prints it", `relationship.HOLDS_ROLE { caption: "{title}"; }`,
			Style{{Selector: "relationship.HOLDS_ROLE", Props: []Prop{{"caption", "{title}"}}}}},
		{"last property without ';'", "node { diameter: 50px }",
			Style{{Selector: "node", Props: []Prop{{"diameter", "50px"}}}}},
		{"two rules in order, CRLF", "node.Entity {\r\n color: #C990C0;\r\n}\r\nnode.Person {\r\n color: #4C8EDA;\r\n}\r\n",
			Style{{Selector: "node.Entity", Props: []Prop{{"color", "#C990C0"}}}, {Selector: "node.Person", Props: []Prop{{"color", "#4C8EDA"}}}}},
		{"Arabic label", "node.شخص { color: #000000; }",
			Style{{Selector: "node.شخص", Props: []Prop{{"color", "#000000"}}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseGrass(tt.in)
			if err != nil {
				t.Fatalf("ParseGrass(%q): %v\n% x", tt.in, err, tt.in)
			}
			if g, w := jsonOf(t, got), jsonOf(t, tt.want); g != w {
				t.Errorf("ParseGrass(%q)\n got %s\nwant %s", tt.in, g, w)
			}
		})
	}
}

func TestParseGrassErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"empty", "", "no rules"},
		{"no brace", "node color: red;", "want `selector {`"},
		{"unknown selector", "edge { color: red; }", "selector"},
		{"unclosed", "node { color: red;", "not closed"},
		{"no value", "node { color; }", "not `name: value`"},
		{"colon in value", "node { caption: 'a:b'; }", "contains ':'"},
		{"set twice", "node { color: red; color: blue; }", "set twice"},
		{"brace inside", "node { color: {red}; }", "'{' inside a rule"},
		{"stray quote", "node { caption: '{name}; }", "not closed"},
		{"error line", "node {\n color: red;\n}\nnode.X {\n oops\n}", "line 6"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseGrass(tt.in)
			if !errors.Is(err, ErrStyle) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ParseGrass(%q) = %v, want ErrStyle mentioning %q\n% x", tt.in, err, tt.want, tt.in)
			}
		})
	}
}

// TestKGStyle checks kg.grass: every label of the model has a colour and a
// caption, the entity types their name, articles their title, and a node
// with Entity and Person takes the Person rule (it comes later).
func TestKGStyle(t *testing.T) {
	st, err := KG()
	if err != nil {
		t.Fatal(err)
	}
	captions := map[string]string{"Person": "{name}", "Organization": "{name}", "Place": "{name}", "Event": "{name}", "Article": "{title}", "Sentence": "{index}"}
	colors := map[string]bool{}
	for label, caption := range captions {
		labels := []string{label}
		if label != "Article" && label != "Sentence" {
			labels = append([]string{"Entity"}, labels...)
		}
		if got := st.Node(labels, "caption"); got != caption {
			t.Errorf("%s caption %q, want %q", label, got, caption)
		}
		c := st.Node(labels, "color")
		r, _ := st.Rule("node." + label)
		if own, _ := r.Get("color"); c == "" || c != own {
			t.Errorf("%s colour %q, want its own rule's %q", label, c, own)
		}
		if colors[c] {
			t.Errorf("%s shares colour %s with another label", label, c)
		}
		colors[c] = true
	}
}

// TestPostConnectCmd checks the inline style: valid JSON equal to the parsed
// file, on one line, and without ';' (browser.post_connect_cmd separates
// commands with it).
func TestPostConnectCmd(t *testing.T) {
	st, err := KG()
	if err != nil {
		t.Fatal(err)
	}
	cmd := st.PostConnectCmd()
	js, ok := strings.CutPrefix(cmd, "style ")
	if !ok {
		t.Fatalf("post-connect command %q does not start with `style `", cmd)
	}
	if strings.ContainsAny(cmd, ";\n\r\\") {
		t.Errorf("post-connect command has ';', a line break or a backslash: %q", cmd)
	}
	var m map[string]map[string]string
	if err := json.Unmarshal([]byte(js), &m); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, js)
	}
	if len(m) != len(st) {
		t.Errorf("JSON has %d rules, the style %d", len(m), len(st))
	}
	for _, r := range st {
		for _, p := range r.Props {
			if got := m[r.Selector][p.Name]; got != p.Value {
				t.Errorf("%s %s = %q in JSON, %q in kg.grass", r.Selector, p.Name, got, p.Value)
			}
		}
	}
	// Browser applies rules in the order they come: keys must keep it.
	last := -1
	for _, r := range st {
		i := strings.Index(js, `"`+r.Selector+`":`)
		if i <= last {
			t.Errorf("rule %s out of order in the JSON", r.Selector)
		}
		last = i
	}
}

// TestStyleFile keeps deploy/browser/style.json, which the local Neo4j's
// launcher puts into browser.post_connect_cmd, equal to kg.grass.
// go test ./browser -run TestStyleFile -update rewrites it.
func TestStyleFile(t *testing.T) {
	st, err := KG()
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join("..", "deploy", "browser", "style.json")
	want := st.JSON() + "\n"
	if *update {
		if err := os.WriteFile(file, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test ./browser -run TestStyleFile -update)", err)
	}
	if string(got) != want {
		t.Errorf("%s is out of date with browser/kg.grass: run go test ./browser -run TestStyleFile -update", file)
	}
}

func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
