// Package queries holds kg's canned Cypher queries. Each query is a .cypher
// file beside this one, embedded into the binary, that runs unchanged in
// Neo4j Browser. A header of line comments at the top of the file names the
// query, describes it and declares its parameters:
//
//	// name: entity-search
//	// description: Find an entity from any spelling
//	// param: q string "سورية" — text to search for
//	// param: limit int 20 — maximum number of entities returned
//
// A param line is `name type default — description`. The type is one of
// string, int, float, bool or list (a list of strings). The default is a
// double-quoted Go string literal or a single word, read the same way as a
// value given on the command line (see Query.Bind). The header ends at the
// first line that is not a // comment; the file name is the query name plus
// ".cypher". Values reach Neo4j only as $parameters, never as Cypher text.
package queries

import (
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

//go:embed *.cypher
var files embed.FS

// Errors returned by this package; test for them with errors.Is.
var (
	// ErrNotFound means there is no query of the given name.
	ErrNotFound = errors.New("query not found")
	// ErrHeader means a query file's header comment is malformed.
	ErrHeader = errors.New("bad query header")
	// ErrParam means a parameter is not declared by the query, or its value
	// does not read as the declared type.
	ErrParam = errors.New("bad query parameter")
)

// Parameter types a header may declare.
const (
	String = "string"
	Int    = "int"
	Float  = "float"
	Bool   = "bool"
	List   = "list"
)

const ext = ".cypher"

// Query is one canned Cypher query.
type Query struct {
	// Name identifies the query; it is also its file name without ".cypher".
	Name string
	// Description is one line saying what the query answers.
	Description string
	// Text is the whole file, header included, exactly as Browser runs it.
	Text string
	// Params are the $parameters the query uses, in header order.
	Params []Param
}

// Param is a $parameter declared in a query header.
type Param struct {
	// Name is the parameter name without the $.
	Name string
	// Type is String, Int, Float, Bool or List.
	Type string
	// Default is the value used when none is given, as text (see Query.Bind).
	Default string
	// Description says what the parameter means.
	Description string
	// Entity is set when the query finds an entity by the parameter's
	// value as its id, name, English name or alias (x.id = $p OR x.name =
	// $p OR x.nameEn = $p OR $p IN x.aliases), the way every canned query
	// reads an entity.
	Entity bool
}

// readsEntity reports whether the query text finds an entity by $name as
// its id, name, English name or alias.
func readsEntity(text, name string) bool {
	n := regexp.QuoteMeta(name)
	re := regexp.MustCompile(`(\w+)\.id = \$` + n + ` OR (\w+)\.name = \$` + n + ` OR (\w+)\.nameEn = \$` + n + ` OR \$` + n + ` IN (\w+)\.aliases\b`)
	for _, m := range re.FindAllStringSubmatch(text, -1) {
		if m[1] == m[2] && m[2] == m[3] && m[3] == m[4] {
			return true
		}
	}
	return false
}

// All returns every query, sorted by name.
func All() ([]Query, error) {
	entries, err := fs.ReadDir(files, ".")
	if err != nil {
		return nil, fmt.Errorf("queries: list: %w", err)
	}
	var all []Query
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ext) {
			continue
		}
		q, err := load(e.Name())
		if err != nil {
			return nil, err
		}
		all = append(all, q)
	}
	slices.SortFunc(all, func(a, b Query) int { return strings.Compare(a.Name, b.Name) })
	return all, nil
}

// Get returns the query called name. It returns an error wrapping
// ErrNotFound when there is none.
func Get(name string) (Query, error) {
	file := name + ext
	if name == "" || strings.ContainsAny(name, `/\`) || !fs.ValidPath(file) {
		return Query{}, fmt.Errorf("queries: get %q: %w", name, ErrNotFound)
	}
	if _, err := fs.Stat(files, file); err != nil {
		return Query{}, fmt.Errorf("queries: get %q: %w", name, ErrNotFound)
	}
	return load(file)
}

func load(file string) (Query, error) {
	b, err := files.ReadFile(file)
	if err != nil {
		return Query{}, fmt.Errorf("queries: read %s: %w", file, err)
	}
	return parse(file, string(b))
}

// parse reads the header of the query in file. Errors name the file and the
// line.
func parse(file, text string) (Query, error) {
	fail := func(line int, format string, args ...any) (Query, error) {
		return Query{}, fmt.Errorf("queries: %s:%d: %s: %w", file, line, fmt.Sprintf(format, args...), ErrHeader)
	}
	if !utf8.ValidString(text) {
		return fail(1, "not valid UTF-8")
	}
	q := Query{Text: text}
	lines := strings.Split(text, "\n")
	body := false
	for i, raw := range lines {
		n := i + 1
		line := strings.TrimSpace(strings.TrimSuffix(raw, "\r"))
		if !strings.HasPrefix(line, "//") {
			if line != "" {
				body = true
				break
			}
			continue
		}
		key, value, ok := strings.Cut(strings.TrimSpace(strings.TrimPrefix(line, "//")), ":")
		if !ok {
			return fail(n, "header line %q is not `// key: value`", line)
		}
		value = strings.TrimSpace(value)
		switch strings.TrimSpace(key) {
		case "name":
			if q.Name != "" {
				return fail(n, "second name")
			}
			if value == "" {
				return fail(n, "empty name")
			}
			q.Name = value
		case "description":
			if q.Description != "" {
				return fail(n, "second description")
			}
			if value == "" {
				return fail(n, "empty description")
			}
			q.Description = value
		case "param":
			p, err := parseParam(value)
			if err != nil {
				return fail(n, "param: %v", err)
			}
			if slices.ContainsFunc(q.Params, func(o Param) bool { return o.Name == p.Name }) {
				return fail(n, "param %q declared twice", p.Name)
			}
			q.Params = append(q.Params, p)
		default:
			return fail(n, "unknown header key %q (want name, description or param)", strings.TrimSpace(key))
		}
	}
	switch want := strings.TrimSuffix(path.Base(file), ext); {
	case !body:
		return fail(len(lines), "no query after the header")
	case q.Name == "":
		return fail(1, "missing `// name:` line")
	case q.Name != want:
		return fail(1, "name %q does not match the file name (want %q)", q.Name, want)
	case q.Description == "":
		return fail(1, "missing `// description:` line")
	}
	for i := range q.Params {
		q.Params[i].Entity = q.Params[i].Type == String && readsEntity(text, q.Params[i].Name)
	}
	return q, nil
}

// parseParam reads `name type default — description`.
func parseParam(s string) (Param, error) {
	var p Param
	p.Name, s = word(s)
	if !isIdent(p.Name) {
		return p, fmt.Errorf("name %q is not an identifier", p.Name)
	}
	p.Type, s = word(s)
	switch p.Type {
	case String, Int, Float, Bool, List:
	default:
		return p, fmt.Errorf("%s: type %q is not one of string, int, float, bool, list", p.Name, p.Type)
	}
	if strings.HasPrefix(s, `"`) {
		lit, err := strconv.QuotedPrefix(s)
		if err != nil {
			return p, fmt.Errorf("%s: default %s: unterminated or invalid string literal", p.Name, s)
		}
		p.Default, _ = strconv.Unquote(lit) // QuotedPrefix vouched for it
		s = strings.TrimSpace(s[len(lit):])
	} else {
		p.Default, s = word(s)
		if p.Default == "" || isDash(p.Default) {
			return p, fmt.Errorf("%s: missing default", p.Name)
		}
	}
	if _, err := convert(p.Type, p.Default); err != nil {
		return p, fmt.Errorf("%s: default: %v", p.Name, err)
	}
	dash, rest := word(s)
	if !isDash(dash) {
		return p, fmt.Errorf("%s: want `— description` after the default, got %q", p.Name, s)
	}
	if p.Description = strings.TrimSpace(rest); p.Description == "" {
		return p, fmt.Errorf("%s: empty description", p.Name)
	}
	return p, nil
}

// word splits off the first space-separated word of s.
func word(s string) (w, rest string) {
	s = strings.TrimSpace(s)
	if i := strings.IndexFunc(s, unicode.IsSpace); i >= 0 {
		return s[:i], strings.TrimSpace(s[i:])
	}
	return s, ""
}

func isDash(s string) bool { return s == "—" || s == "-" || s == "--" }

func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if r != '_' && !unicode.IsLetter(r) && (i == 0 || !unicode.IsDigit(r)) {
			return false
		}
	}
	return true
}

// Bind turns parameter values given as text (for example from
// `--param key=value`) into the typed $parameters of the query. Declared
// parameters that raw lacks take their defaults. Values read as:
//   - string: as given;
//   - int: a base-10 integer (int64);
//   - float: a decimal or exponent number (float64);
//   - bool: true/false, 1/0, t/f (strconv.ParseBool);
//   - list: a JSON array of strings, or else comma-separated items with the
//     spaces around each trimmed; the empty string is the empty list.
//
// A name the query does not declare, or a value that does not read as its
// type, is an error wrapping ErrParam.
func (q Query) Bind(raw map[string]string) (map[string]any, error) {
	var unknown []string
	for name := range raw {
		if !slices.ContainsFunc(q.Params, func(p Param) bool { return p.Name == name }) {
			unknown = append(unknown, strconv.Quote(name))
		}
	}
	if len(unknown) > 0 {
		slices.Sort(unknown)
		declared := make([]string, len(q.Params))
		for i, p := range q.Params {
			declared[i] = p.Name
		}
		want := "it takes none"
		if len(declared) > 0 {
			want = "want " + strings.Join(declared, ", ")
		}
		return nil, fmt.Errorf("queries: %s: unknown parameter %s (%s): %w",
			q.Name, strings.Join(unknown, ", "), want, ErrParam)
	}
	out := make(map[string]any, len(q.Params))
	for _, p := range q.Params {
		text, ok := raw[p.Name]
		if !ok {
			text = p.Default
		}
		v, err := convert(p.Type, text)
		if err != nil {
			return nil, fmt.Errorf("queries: %s: parameter %s: %v: %w", q.Name, p.Name, err, ErrParam)
		}
		out[p.Name] = v
	}
	return out, nil
}

// convert reads text as a value of type typ.
func convert(typ, text string) (any, error) {
	switch typ {
	case String:
		return text, nil
	case Int:
		n, err := strconv.ParseInt(strings.TrimSpace(text), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("want an integer, got %q", text)
		}
		return n, nil
	case Float:
		f, err := strconv.ParseFloat(strings.TrimSpace(text), 64)
		if err != nil {
			return nil, fmt.Errorf("want a number, got %q", text)
		}
		return f, nil
	case Bool:
		b, err := strconv.ParseBool(strings.TrimSpace(text))
		if err != nil {
			return nil, fmt.Errorf("want true or false, got %q", text)
		}
		return b, nil
	case List:
		t := strings.TrimSpace(text)
		if t == "" {
			return []string{}, nil
		}
		if strings.HasPrefix(t, "[") {
			var list []string
			if err := json.Unmarshal([]byte(t), &list); err != nil {
				return nil, fmt.Errorf("want a JSON array of strings, got %q", text)
			}
			if list == nil {
				list = []string{}
			}
			return list, nil
		}
		items := strings.Split(t, ",")
		for i := range items {
			items[i] = strings.TrimSpace(items[i])
		}
		return items, nil
	}
	return nil, fmt.Errorf("unknown type %q", typ)
}
