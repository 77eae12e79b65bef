package browser

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/kgraph/kg/queries"
)

func TestLiteral(t *testing.T) {
	tests := []struct {
		name string
		in   any
		want string
	}{
		{"string", "place:syria", `"place:syria"`},
		{"Arabic stays readable", "سيرغي لافروف", `"سيرغي لافروف"`},
		{"quote and backslash", `a"b\c`, `"a\"b\\c"`},
		{"line break and tab", "a\nb\tc", `"a\nb\tc"`},
		{"semicolon, ampersand, hash", "a;b&c#d", `"a\u003Bb\u0026c\u0023d"`},
		{"right-to-left mark", "ب\u200fج", `"ب\u200Fج"`},
		{"no-break space", "a\u00a0b", `"a\u00A0b"`},
		{"astral format char", "a\U000E0001", `"a\U000E0001"`},
		{"invalid UTF-8", "a\xffb", "\"a\uFFFDb\""},
		{"empty", "", `""`},
		{"int64", int64(-42), "-42"},
		{"int", 7, "7"},
		{"float keeps a point", 2.0, "2.0"},
		{"float", 0.25, "0.25"},
		{"big float", 1e21, "1e+21"},
		{"bool", true, "true"},
		{"list", []string{"HOLDS_ROLE", "a\"b"}, `["HOLDS_ROLE", "a\"b"]`},
		{"empty list", []string{}, "[]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Literal(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("Literal(%#v) = %q, want %q\n% x", tt.in, got, tt.want, got)
			}
		})
	}
	for _, bad := range []any{math.NaN(), math.Inf(1), struct{}{}, nil} {
		if got, err := Literal(bad); err == nil {
			t.Errorf("Literal(%#v) = %q, want an error", bad, got)
		}
	}
}

func TestParamCommand(t *testing.T) {
	q := func(params ...queries.Param) queries.Query { return queries.Query{Name: "q", Params: params} }
	entity := queries.Param{Name: "entity", Type: queries.String}
	limit := queries.Param{Name: "limit", Type: queries.Int}
	tests := []struct {
		name   string
		q      queries.Query
		values map[string]any
		want   string
	}{
		{"none", q(), nil, ""},
		{"one", q(entity), map[string]any{"entity": "person:sergey-lavrov"}, `:param entity => "person:sergey-lavrov"`},
		{"several, in header order", q(entity, limit), map[string]any{"limit": int64(5), "entity": "x"},
			`:param [{entity, limit}] => { RETURN "x" AS entity, 5 AS limit }`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParamCommand(tt.q, tt.values)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
	if _, err := ParamCommand(q(entity, limit), map[string]any{"entity": "x"}); err == nil {
		t.Error("a missing value gave no error")
	}
}

// TestParamCommandAllQueries sets every canned query's defaults: the
// command must be one Browser command (no ';') and mention each parameter.
func TestParamCommandAllQueries(t *testing.T) {
	all, err := queries.All()
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range all {
		vals, err := q.Bind(nil)
		if err != nil {
			t.Fatal(err)
		}
		cmd, err := ParamCommand(q, vals)
		if err != nil {
			t.Fatalf("%s: %v", q.Name, err)
		}
		if strings.ContainsAny(cmd, ";\n") {
			t.Errorf("%s: %q has ';' or a line break: Browser would split it", q.Name, cmd)
		}
		for _, p := range q.Params {
			if !strings.Contains(cmd, " AS "+p.Name) && !strings.HasPrefix(cmd, ":param "+p.Name+" =>") {
				t.Errorf("%s: %q does not set %s", q.Name, cmd, p.Name)
			}
		}
	}
}

// FuzzLiteral checks that a string literal reads back, under Cypher's
// escaping rules, as the string (each invalid UTF-8 byte as U+FFFD), and carries none
// of the characters Browser treats specially.
func FuzzLiteral(f *testing.F) {
	for _, s := range []string{"", "place:syria", "سيرغي لافروف", `a"b\c`, "a;b&c#d", "\u200f", "\U0001F600", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		lit, err := Literal(s)
		if err != nil {
			t.Fatal(err)
		}
		if strings.ContainsAny(lit, ";&#\n\r") {
			t.Fatalf("literal %q has a character Browser treats specially", lit)
		}
		got, err := unquoteCypher(lit)
		if err != nil {
			t.Fatalf("literal %q: %v", lit, err)
		}
		if want := replaceInvalid(s); got != want {
			t.Fatalf("literal %q reads back as %q, want %q\n% x", lit, got, want, s)
		}
	})
}

// replaceInvalid replaces each byte of s that is not UTF-8 with U+FFFD.
func replaceInvalid(s string) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteRune(r) // range yields U+FFFD for each invalid byte
	}
	return b.String()
}

// unquoteCypher reads a double-quoted Cypher string literal.
func unquoteCypher(lit string) (string, error) {
	if len(lit) < 2 || lit[0] != '"' || lit[len(lit)-1] != '"' {
		return "", fmt.Errorf("not double-quoted")
	}
	body := lit[1 : len(lit)-1]
	var b strings.Builder
	for i := 0; i < len(body); {
		c := body[i]
		if c == '"' {
			return "", fmt.Errorf("unescaped quote at %d", i)
		}
		if c != '\\' {
			r, size := utf8.DecodeRuneInString(body[i:])
			b.WriteRune(r)
			i += size
			continue
		}
		if i+1 >= len(body) {
			return "", fmt.Errorf("backslash at the end")
		}
		switch e := body[i+1]; e {
		case '\\', '"', '\'':
			b.WriteByte(e)
			i += 2
		case 'n':
			b.WriteByte('\n')
			i += 2
		case 't':
			b.WriteByte('\t')
			i += 2
		case 'u', 'U':
			n := 4
			if e == 'U' {
				n = 8
			}
			if i+2+n > len(body) {
				return "", fmt.Errorf("short \\%c escape", e)
			}
			v, err := strconv.ParseUint(body[i+2:i+2+n], 16, 32)
			if err != nil {
				return "", err
			}
			b.WriteRune(rune(v))
			i += 2 + n
		default:
			return "", fmt.Errorf("unknown escape \\%c", e)
		}
	}
	return b.String(), nil
}
