package browser

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kgraph/kg/queries"
)

// ParamCommand returns the Browser command that sets the parameters of q to
// values (typed as queries.Query.Bind returns them), or "" when q has none.
// One parameter gives `:param name => <value>`; several give
// `:param [{a, b}] => { RETURN <a> AS a, <b> AS b }`, which sets them all in
// one frame. Browser evaluates the values on the server, so integers stay
// integers (LIMIT needs one). Every parameter of q must have a value.
func ParamCommand(q queries.Query, values map[string]any) (string, error) {
	if len(q.Params) == 0 {
		return "", nil
	}
	names := make([]string, len(q.Params))
	lits := make([]string, len(q.Params))
	for i, p := range q.Params {
		v, ok := values[p.Name]
		if !ok {
			return "", fmt.Errorf("browser: %s: no value for parameter %s", q.Name, p.Name)
		}
		lit, err := Literal(v)
		if err != nil {
			return "", fmt.Errorf("browser: %s: parameter %s: %w", q.Name, p.Name, err)
		}
		names[i], lits[i] = p.Name, lit
	}
	if len(names) == 1 {
		return ":param " + names[0] + " => " + lits[0], nil
	}
	var b strings.Builder
	b.WriteString(":param [{")
	b.WriteString(strings.Join(names, ", "))
	b.WriteString("}] => { RETURN ")
	for i := range names {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(lits[i])
		b.WriteString(" AS ")
		b.WriteString(names[i])
	}
	b.WriteString(" }")
	return b.String(), nil
}

// Literal returns v written as a Cypher literal: a string, an integer, a
// float, a boolean or a list of strings. Strings escape, as \uXXXX, every
// character that is not printable, and also ';', '&' and '#', so that the
// text survives Browser's command splitting and its URL parameters.
func Literal(v any) (string, error) {
	switch x := v.(type) {
	case string:
		return cypherString(x), nil
	case int64:
		return strconv.FormatInt(x, 10), nil
	case int:
		return strconv.Itoa(x), nil
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return "", fmt.Errorf("%v has no Cypher literal", x)
		}
		s := strconv.FormatFloat(x, 'g', -1, 64)
		if !strings.ContainsAny(s, ".eEn") {
			s += ".0"
		}
		return s, nil
	case bool:
		return strconv.FormatBool(x), nil
	case []string:
		parts := make([]string, len(x))
		for i, s := range x {
			parts[i] = cypherString(s)
		}
		return "[" + strings.Join(parts, ", ") + "]", nil
	}
	return "", fmt.Errorf("no Cypher literal for a %T", v)
}

// cypherString quotes s as a double-quoted Cypher string literal.
func cypherString(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			r = unicode.ReplacementChar
		}
		i += size
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == '"':
			b.WriteString(`\"`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == ';' || r == '&' || r == '#' || !unicode.IsPrint(r) && r != ' ':
			if r > 0xFFFF {
				fmt.Fprintf(&b, `\U%08X`, r)
			} else {
				fmt.Fprintf(&b, `\u%04X`, r)
			}
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
