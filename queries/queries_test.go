package queries

import (
	"errors"
	"io/fs"
	"maps"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
)

func TestAllParse(t *testing.T) {
	all, err := All()
	if err != nil {
		t.Fatalf("All: %v", err)
	}
	if len(all) < 12 {
		t.Errorf("got %d queries, want at least 12", len(all))
	}
	names, err := fs.Glob(files, "*"+ext)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != len(names) {
		t.Errorf("All returned %d queries for %d files", len(all), len(names))
	}
	seen := map[string]bool{}
	for i, q := range all {
		if seen[q.Name] {
			t.Errorf("query name %q used twice", q.Name)
		}
		seen[q.Name] = true
		if i > 0 && all[i-1].Name >= q.Name {
			t.Errorf("All not sorted by name: %q before %q", all[i-1].Name, q.Name)
		}
		if _, err := fs.Stat(files, q.Name+ext); err != nil {
			t.Errorf("query %q: no file %s%s", q.Name, q.Name, ext)
		}
		got, err := Get(q.Name)
		if err != nil {
			t.Errorf("Get(%q): %v", q.Name, err)
		} else if !reflect.DeepEqual(got, q) {
			t.Errorf("Get(%q) differs from All's entry", q.Name)
		}
	}
}

// TestParamsDeclared checks that the $parameters a query uses are exactly
// those its header declares, so every value reaches Neo4j as a parameter.
func TestParamsDeclared(t *testing.T) {
	all, err := All()
	if err != nil {
		t.Fatalf("All: %v", err)
	}
	for _, q := range all {
		t.Run(q.Name, func(t *testing.T) {
			used, err := paramsIn(q.Text)
			if err != nil {
				t.Fatalf("scan: %v", err)
			}
			declared := map[string]bool{}
			for _, p := range q.Params {
				declared[p.Name] = true
				if !used[p.Name] {
					t.Errorf("param %q declared but not used", p.Name)
				}
			}
			for _, name := range slices.Sorted(maps.Keys(used)) {
				if !declared[name] {
					t.Errorf("$%s used but not declared in the header", name)
				}
			}
		})
	}
}

// TestEntityParams: a parameter the query reads as an entity's id, name
// or alias says so in the header, and the other way round; kg query's
// hint for an unknown entity and the Browser guide's samples rely on it.
func TestEntityParams(t *testing.T) {
	all, err := All()
	if err != nil {
		t.Fatalf("All: %v", err)
	}
	n := 0
	for _, q := range all {
		for _, p := range q.Params {
			if says := strings.Contains(p.Description, "id, name or alias"); p.Entity != says {
				t.Errorf("%s: $%s: Entity %v, but the header says %q", q.Name, p.Name, p.Entity, p.Description)
			}
			if p.Entity {
				n++
			}
		}
	}
	if n < 10 {
		t.Errorf("%d entity parameters in all, want the dozen the queries have", n)
	}
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"MATCH (e) WHERE e.id = $x OR e.name = $x OR e.nameEn = $x OR $x IN e.aliases RETURN e", true},
		{"MATCH (e) WHERE e.id = $x OR e.name = $x OR $x IN e.aliases RETURN e", false},
		{"MATCH (e), (f) WHERE e.id = $x OR f.name = $x OR e.nameEn = $x OR $x IN e.aliases RETURN e", false},
		{"MATCH (e) WHERE e.id = $xy OR e.name = $xy OR e.nameEn = $xy OR $xy IN e.aliases RETURN e", false},
	} {
		if got := readsEntity(tc.text, "x"); got != tc.want {
			t.Errorf("readsEntity(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}

// forbidden matches what a canned query must not do: write, call plugins
// (APOC and GDS are not part of Community), or hold several statements.
var forbidden = regexp.MustCompile(`(?i)\b(create|merge|delete|detach|set|remove|foreach|load\s+csv|in\s+transactions)\b|\b(apoc|gds)\.|;`)

// TestQueriesPortable checks rules the linter cannot: community edition
// only, no plugins, one statement that Browser and the driver run alike.
func TestQueriesPortable(t *testing.T) {
	all, err := All()
	if err != nil {
		t.Fatalf("All: %v", err)
	}
	for _, q := range all {
		code := stripComments(q.Text)
		if m := forbidden.FindString(code); m != "" {
			t.Errorf("%s: contains %q", q.Name, m)
		}
		if _, err := q.Bind(nil); err != nil {
			t.Errorf("%s: defaults do not bind: %v", q.Name, err)
		}
		for _, p := range q.Params {
			if (p.Name == "limit" || p.Name == "examples") && p.Type != Int {
				t.Errorf("%s: param %s is %s, want int", q.Name, p.Name, p.Type)
			}
		}
	}
}

func TestGetNotFound(t *testing.T) {
	for _, name := range []string{"", "no-such-query", "../queries", "entity-search.cypher", "a/b", `a\b`} {
		_, err := Get(name)
		if !errors.Is(err, ErrNotFound) {
			t.Errorf("Get(%q) = %v, want ErrNotFound", name, err)
		}
	}
}

func TestParse(t *testing.T) {
	const body = "\nRETURN $q AS q\n"
	tests := []struct {
		name    string
		file    string
		text    string
		want    Query
		wantErr string // substring; empty means success
	}{
		{
			name: "full",
			file: "x.cypher",
			text: "// name: x\n// description: Does x\n// param: q string \"سورية\" — text to find\n" +
				"// param: limit int 5 - how many\n// param: on bool true -- switch\n" +
				"// param: t list \"A,B\" — types\n// param: f float 0.5 — score\n" + body,
			want: Query{Name: "x", Description: "Does x", Params: []Param{
				{Name: "q", Type: String, Default: "سورية", Description: "text to find"},
				{Name: "limit", Type: Int, Default: "5", Description: "how many"},
				{Name: "on", Type: Bool, Default: "true", Description: "switch"},
				{Name: "t", Type: List, Default: "A,B", Description: "types"},
				{Name: "f", Type: Float, Default: "0.5", Description: "score"},
			}},
		},
		{
			name: "no params, CRLF, blank lines",
			file: "dir/y.cypher",
			text: "// name: y\r\n\r\n// description: Does y\r\n\r\nRETURN 1\r\n",
			want: Query{Name: "y", Description: "Does y"},
		},
		{
			name: "empty string default, escapes",
			file: "x.cypher",
			text: "// name: x\n// description: d\n// param: q string \"\" — any\n// param: r string \"a \\\"b\\\"\" — quoted\n" + body,
			want: Query{Name: "x", Description: "d", Params: []Param{
				{Name: "q", Type: String, Default: "", Description: "any"},
				{Name: "r", Type: String, Default: `a "b"`, Description: "quoted"},
			}},
		},
		{name: "name mismatch", file: "x.cypher", text: "// name: y\n// description: d\n" + body, wantErr: "x.cypher:1: name \"y\" does not match"},
		{name: "missing name", file: "x.cypher", text: "// description: d\n" + body, wantErr: "x.cypher:1: missing `// name:`"},
		{name: "missing description", file: "x.cypher", text: "// name: x\n" + body, wantErr: "missing `// description:`"},
		{name: "no body", file: "x.cypher", text: "// name: x\n// description: d\n", wantErr: "no query after the header"},
		{name: "unknown key", file: "x.cypher", text: "// name: x\n// descr: d\n" + body, wantErr: "x.cypher:2: unknown header key \"descr\""},
		{name: "not key value", file: "x.cypher", text: "// name: x\n// just a note\n" + body, wantErr: "x.cypher:2: header line"},
		{name: "second name", file: "x.cypher", text: "// name: x\n// name: x\n" + body, wantErr: "x.cypher:2: second name"},
		{name: "bad type", file: "x.cypher", text: "// name: x\n// description: d\n// param: q integer 1 — n\n" + body, wantErr: "x.cypher:3: param: q: type \"integer\""},
		{name: "bad default", file: "x.cypher", text: "// name: x\n// description: d\n// param: n int ten — n\n" + body, wantErr: "x.cypher:3: param: n: default: want an integer"},
		{name: "missing default", file: "x.cypher", text: "// name: x\n// description: d\n// param: n int — n\n" + body, wantErr: "missing default"},
		{name: "unterminated default", file: "x.cypher", text: "// name: x\n// description: d\n// param: q string \"abc — n\n" + body, wantErr: "unterminated"},
		{name: "missing dash", file: "x.cypher", text: "// name: x\n// description: d\n// param: q string \"a\" text\n" + body, wantErr: "want `— description`"},
		{name: "empty param description", file: "x.cypher", text: "// name: x\n// description: d\n// param: q string \"a\" —\n" + body, wantErr: "empty description"},
		{name: "bad param name", file: "x.cypher", text: "// name: x\n// description: d\n// param: 1q string \"a\" — d\n" + body, wantErr: "not an identifier"},
		{name: "param twice", file: "x.cypher", text: "// name: x\n// description: d\n// param: q string a — d\n// param: q string b — d\n" + body, wantErr: "x.cypher:4: param \"q\" declared twice"},
		{name: "invalid utf8", file: "x.cypher", text: "// name: x\xff\n", wantErr: "not valid UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parse(tt.file, tt.text)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !errors.Is(err, ErrHeader) {
					t.Fatalf("parse(%q) error = %v, want ErrHeader containing %q", tt.text, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("parse(%q): %v", tt.text, err)
			}
			tt.want.Text = tt.text
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("parse(%q)\n got %+v\nwant %+v", tt.text, got, tt.want)
				for i := range min(len(got.Params), len(tt.want.Params)) {
					if g, w := got.Params[i].Default, tt.want.Params[i].Default; g != w {
						t.Errorf("param %d default %q (% x), want %q (% x)", i, g, g, w, w)
					}
				}
			}
		})
	}
}

func TestBind(t *testing.T) {
	q := Query{Name: "t", Params: []Param{
		{Name: "s", Type: String, Default: "سورية"},
		{Name: "n", Type: Int, Default: "10"},
		{Name: "f", Type: Float, Default: "0.5"},
		{Name: "b", Type: Bool, Default: "false"},
		{Name: "l", Type: List, Default: "A,B"},
	}}
	defaults := map[string]any{"s": "سورية", "n": int64(10), "f": 0.5, "b": false, "l": []string{"A", "B"}}
	with := func(k string, v any) map[string]any {
		m := maps.Clone(defaults)
		m[k] = v
		return m
	}
	tests := []struct {
		name    string
		raw     map[string]string
		want    map[string]any
		wantErr string
	}{
		{name: "defaults", raw: nil, want: defaults},
		{name: "string kept as is", raw: map[string]string{"s": " بشار الأسد "}, want: with("s", " بشار الأسد ")},
		{name: "empty string", raw: map[string]string{"s": ""}, want: with("s", "")},
		{name: "int", raw: map[string]string{"n": "42"}, want: with("n", int64(42))},
		{name: "int spaces and sign", raw: map[string]string{"n": " -3 "}, want: with("n", int64(-3))},
		{name: "float", raw: map[string]string{"f": "1e-3"}, want: with("f", 0.001)},
		{name: "float from int text", raw: map[string]string{"f": "2"}, want: with("f", 2.0)},
		{name: "bool true", raw: map[string]string{"b": "true"}, want: with("b", true)},
		{name: "bool 1", raw: map[string]string{"b": "1"}, want: with("b", true)},
		{name: "list commas", raw: map[string]string{"l": "HOLDS_ROLE, MEMBER_OF ,PART_OF"}, want: with("l", []string{"HOLDS_ROLE", "MEMBER_OF", "PART_OF"})},
		{name: "list one", raw: map[string]string{"l": "x"}, want: with("l", []string{"x"})},
		{name: "list empty", raw: map[string]string{"l": ""}, want: with("l", []string{})},
		{name: "list json", raw: map[string]string{"l": `["a,b", "سورية"]`}, want: with("l", []string{"a,b", "سورية"})},
		{name: "list json empty", raw: map[string]string{"l": `[]`}, want: with("l", []string{})},
		{name: "unknown", raw: map[string]string{"x": "1", "limit": "2"}, wantErr: `unknown parameter "limit", "x" (want s, n, f, b, l)`},
		{name: "bad int", raw: map[string]string{"n": "ten"}, wantErr: `parameter n: want an integer, got "ten"`},
		{name: "int not float", raw: map[string]string{"n": "1.5"}, wantErr: "want an integer"},
		{name: "int overflow", raw: map[string]string{"n": "99999999999999999999"}, wantErr: "want an integer"},
		{name: "bad float", raw: map[string]string{"f": "half"}, wantErr: "want a number"},
		{name: "bad bool", raw: map[string]string{"b": "yes"}, wantErr: "want true or false"},
		{name: "bad json list", raw: map[string]string{"l": `[1, 2]`}, wantErr: "JSON array of strings"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := q.Bind(tt.raw)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !errors.Is(err, ErrParam) {
					t.Fatalf("Bind(%q) error = %v, want ErrParam containing %q", tt.raw, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Bind(%q): %v", tt.raw, err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Bind(%q)\n got %#v\nwant %#v", tt.raw, got, tt.want)
				for k, v := range tt.raw {
					t.Logf("input %s = %q (% x)", k, v, v)
				}
			}
		})
	}
}

func TestBindNoParams(t *testing.T) {
	q := Query{Name: "none"}
	got, err := q.Bind(map[string]string{})
	if err != nil || len(got) != 0 {
		t.Errorf("Bind(empty) = %v, %v; want empty map", got, err)
	}
	_, err = q.Bind(map[string]string{"x": "1"})
	if err == nil || !strings.Contains(err.Error(), "it takes none") {
		t.Errorf("Bind(x) error = %v, want one saying it takes none", err)
	}
}

func FuzzParse(f *testing.F) {
	all, err := All()
	if err != nil {
		f.Fatal(err)
	}
	for _, q := range all {
		f.Add(q.Text)
	}
	f.Add("// name: x\n// description: d\n// param: q list \"[\\\"a\\\"]\" — d\nRETURN $q\n")
	f.Fuzz(func(t *testing.T, text string) {
		q, err := parse("x.cypher", text)
		if err != nil {
			if !errors.Is(err, ErrHeader) {
				t.Fatalf("error %v does not wrap ErrHeader", err)
			}
			return
		}
		if q.Name != "x" || q.Description == "" || q.Text != text {
			t.Fatalf("parse accepted %q as %+v", text, q)
		}
		// Every declared default must bind.
		if _, err := q.Bind(nil); err != nil {
			t.Fatalf("defaults of %q do not bind: %v", text, err)
		}
	})
}

// paramsIn returns the $parameter names used in Cypher text, outside
// comments and string literals. A $ not followed by a plain name (for
// example a dynamic label $(...)) is an error: parameters may only be values.
func paramsIn(text string) (map[string]bool, error) {
	code := []rune(stripComments(text))
	used := map[string]bool{}
	for i := 0; i < len(code); i++ {
		if code[i] != '$' {
			continue
		}
		j := i + 1
		for j < len(code) && (code[j] == '_' || unicode.IsLetter(code[j]) || unicode.IsDigit(code[j])) {
			j++
		}
		if j == i+1 {
			return nil, errors.New("$ not followed by a parameter name at rune " + string(code[i:min(i+10, len(code))]))
		}
		used[string(code[i+1:j])] = true
		i = j - 1
	}
	return used, nil
}

// stripComments blanks out comments and string literals of Cypher text.
func stripComments(text string) string {
	var b strings.Builder
	rs := []rune(text)
	for i := 0; i < len(rs); i++ {
		switch {
		case rs[i] == '/' && i+1 < len(rs) && rs[i+1] == '/':
			for i < len(rs) && rs[i] != '\n' {
				i++
			}
			b.WriteRune('\n')
		case rs[i] == '/' && i+1 < len(rs) && rs[i+1] == '*':
			i += 2
			for i+1 < len(rs) && !(rs[i] == '*' && rs[i+1] == '/') {
				i++
			}
			i++
			b.WriteRune(' ')
		case rs[i] == '\'' || rs[i] == '"' || rs[i] == '`':
			quote := rs[i]
			for i++; i < len(rs) && rs[i] != quote; i++ {
				if rs[i] == '\\' && quote != '`' {
					i++
				}
			}
			b.WriteString("''")
		default:
			b.WriteRune(rs[i])
		}
	}
	return b.String()
}

func TestParamsIn(t *testing.T) {
	tests := []struct {
		text    string
		want    []string
		wantErr bool
	}{
		{text: "RETURN $a, $b1, $a", want: []string{"a", "b1"}},
		{text: "// $x in a comment\nRETURN '$y', \"$z\", `$w`, $v /* $u */", want: []string{"v"}},
		{text: "RETURN 'it\\'s $no', $yes", want: []string{"yes"}},
		{text: "MATCH (n:$($label)) RETURN n", wantErr: true},
	}
	for _, tt := range tests {
		got, err := paramsIn(tt.text)
		if tt.wantErr {
			if err == nil {
				t.Errorf("paramsIn(%q) = %v, want error", tt.text, got)
			}
			continue
		}
		if err != nil {
			t.Errorf("paramsIn(%q): %v", tt.text, err)
			continue
		}
		if names := slices.Sorted(maps.Keys(got)); !slices.Equal(names, tt.want) {
			t.Errorf("paramsIn(%q) = %q, want %q", tt.text, names, tt.want)
		}
	}
}
