package browser

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"strings"
)

// grass is kg's Neo4j Browser style. Browser's GraSS readers are small
// hand-written parsers, so the file keeps to what they all accept: no
// comments, one `key: value;` per property, no ':' inside a value, captions in
// single quotes, and the generic rules before the specific ones (later rules
// win, so node.Entity comes before node.Person).
//
//go:embed kg.grass
var grass string

// Grass returns kg's style in GraSS, Neo4j Browser's style sheet format:
// a colour and a caption per label (Person, Organization, Place, Event,
// Article, Sentence) and per relationship type.
func Grass() string { return grass }

// Rule is one GraSS rule.
type Rule struct {
	// Selector is "node", "relationship", "node.<Label>" or
	// "relationship.<TYPE>".
	Selector string
	// Props are the rule's properties in file order.
	Props []Prop
}

// Prop is one property of a rule, its value without quotes.
type Prop struct {
	Name, Value string
}

// Get returns the value of the property name, and whether the rule sets it.
func (r Rule) Get(name string) (string, bool) {
	for _, p := range r.Props {
		if p.Name == name {
			return p.Value, true
		}
	}
	return "", false
}

// Style is a parsed GraSS style sheet, rules in file order.
type Style []Rule

// ParseGrass reads GraSS text. It accepts what Neo4j Browser's own reader
// accepts and reports, with the line, what that reader would silently
// drop: a property without a value, a ':' inside a value, text outside a rule.
func ParseGrass(text string) (Style, error) {
	var st Style
	line := 1
	fail := func(format string, args ...any) (Style, error) {
		return nil, fmt.Errorf("browser: grass line %d: %s: %w", line, fmt.Sprintf(format, args...), ErrStyle)
	}
	i := 0
	for {
		// selector
		for i < len(text) && isSpace(text[i]) {
			if text[i] == '\n' {
				line++
			}
			i++
		}
		if i == len(text) {
			break
		}
		start := i
		for i < len(text) && text[i] != '{' && !isSpace(text[i]) {
			i++
		}
		sel := text[start:i]
		for i < len(text) && isSpace(text[i]) {
			if text[i] == '\n' {
				line++
			}
			i++
		}
		if sel == "" || i == len(text) || text[i] != '{' {
			return fail("want `selector {`, got %q", firstLine(text[start:]))
		}
		if !validSelector(sel) {
			return fail("selector %q is not node, relationship, node.Label or relationship.TYPE", sel)
		}
		i++ // {
		rule := Rule{Selector: sel}
		// declarations up to the closing brace; quotes may hide braces and ';'
		var decl strings.Builder
		quote := byte(0)
		closed := false
		flush := func() error {
			d := strings.TrimSpace(decl.String())
			decl.Reset()
			if d == "" {
				return nil
			}
			name, value, ok := strings.Cut(d, ":")
			name, value = strings.TrimSpace(name), strings.TrimSpace(value)
			switch {
			case !ok || name == "" || value == "":
				return fmt.Errorf("%s: %q is not `name: value`", sel, d)
			case strings.Contains(value, ":"):
				return fmt.Errorf("%s: value of %s contains ':', which Browser's reader cannot take", sel, name)
			}
			if n := len(value); n >= 2 && (value[0] == '\'' || value[0] == '"') && value[n-1] == value[0] {
				value = value[1 : n-1]
			}
			if strings.ContainsAny(value, `'"`) {
				return fmt.Errorf("%s: value of %s has a stray quote", sel, name)
			}
			if _, dup := rule.Get(name); dup {
				return fmt.Errorf("%s: %s set twice", sel, name)
			}
			rule.Props = append(rule.Props, Prop{Name: name, Value: value})
			return nil
		}
		for ; i < len(text); i++ {
			c := text[i]
			if c == '\n' {
				line++
			}
			if quote != 0 {
				if c == quote {
					quote = 0
				}
				decl.WriteByte(c)
				continue
			}
			if c == '\'' || c == '"' {
				quote = c
				decl.WriteByte(c)
				continue
			}
			if c == ';' || c == '}' {
				if err := flush(); err != nil {
					return fail("%v", err)
				}
				if c == '}' {
					closed = true
					i++
					break
				}
				continue
			}
			if c == '{' {
				return fail("%s: '{' inside a rule", sel)
			}
			decl.WriteByte(c)
		}
		if !closed {
			return fail("%s: rule not closed with '}'", sel)
		}
		st = append(st, rule)
	}
	if len(st) == 0 {
		return nil, fmt.Errorf("browser: grass: no rules: %w", ErrStyle)
	}
	return st, nil
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}

func validSelector(s string) bool {
	kind, name, dotted := strings.Cut(s, ".")
	if kind != "node" && kind != "relationship" {
		return false
	}
	return !dotted || (name != "" && !strings.ContainsAny(name, ".:;'\"{}"))
}

// Rule returns the rule with the given selector, and whether there is one.
func (st Style) Rule(selector string) (Rule, bool) {
	for _, r := range st {
		if r.Selector == selector {
			return r, true
		}
	}
	return Rule{}, false
}

// Node returns the value of property name for a node with the given labels,
// worked out as Browser does: every rule whose labels the node has applies,
// in file order, so later rules win.
func (st Style) Node(labels []string, name string) string {
	var v string
	for _, r := range st {
		kind, label, dotted := strings.Cut(r.Selector, ".")
		if kind != "node" || (dotted && !contains(labels, label)) {
			continue
		}
		if x, ok := r.Get(name); ok {
			v = x
		}
	}
	return v
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// JSON returns the style as one line of JSON, the form Browser's :style
// command takes inline: {"node":{"diameter":"50px",…},"node.Person":{…},…}.
// Rules and properties keep their order, which decides which rule wins.
func (st Style) JSON() string {
	var b strings.Builder
	b.WriteByte('{')
	for i, r := range st {
		if i > 0 {
			b.WriteByte(',')
		}
		writeJSONString(&b, r.Selector)
		b.WriteString(":{")
		for j, p := range r.Props {
			if j > 0 {
				b.WriteByte(',')
			}
			writeJSONString(&b, p.Name)
			b.WriteByte(':')
			writeJSONString(&b, p.Value)
		}
		b.WriteByte('}')
	}
	b.WriteByte('}')
	return b.String()
}

// writeJSONString writes s as a JSON string, '<' and '>' as they are: the
// text goes into neo4j.conf, where fewer backslashes are better.
func writeJSONString(b *strings.Builder, s string) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.Encode(s) // a string always encodes
	b.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
}

// PostConnectCmd returns the value for the Neo4j setting
// browser.post_connect_cmd that applies style st whenever Browser connects:
// "style {…json…}". Browser's :style command takes a style inline as well
// as from a URL, so no server has to be running for it; the JSON form
// carries no ';', which the setting uses to separate commands.
func (st Style) PostConnectCmd() string {
	return "style " + st.JSON()
}

// KG returns kg's own style, parsed.
func KG() (Style, error) {
	st, err := ParseGrass(grass)
	if err != nil {
		return nil, fmt.Errorf("browser: kg.grass: %w", err)
	}
	return st, nil
}
