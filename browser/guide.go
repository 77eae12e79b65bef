package browser

import (
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/kgraph/kg/queries"
)

// Guide is a Neo4j Browser guide (`:play <url>` or `:guide <url>`): an
// introduction, then one slide per canned query.
type Guide struct {
	// Title heads the guide.
	Title string
	// Base is the address of the kg browse server serving the guide, for
	// the links inside it (the style, the other guides); "" leaves them out.
	Base string
	// Style gives the legend its colours.
	Style Style
	// Slides are the queries, in order.
	Slides []Slide
	// Intro adds the introduction slide (the full guide has it, a one-query
	// guide does not).
	Intro bool
	// Empty says the graph had no values to offer: the slides keep the
	// queries' defaults and the introduction says to load articles first.
	Empty bool
	// Problem says why kg could not read the graph, if it could not; the
	// slides then keep the queries' defaults.
	Problem string
}

// Body returns the Cypher of q without its header comment: what a guide
// runs. Browser splits a command at ';' (the header may have one) and a
// slide shows the header's content anyway.
func Body(q queries.Query) string {
	lines := strings.Split(q.Text, "\n")
	i := 0
	for i < len(lines) {
		t := strings.TrimSpace(lines[i])
		if t != "" && !strings.HasPrefix(t, "//") {
			break
		}
		i++
	}
	return strings.TrimSpace(strings.Join(lines[i:], "\n"))
}

// CLI returns the kg command line that runs the slide's query with its
// values.
func (s Slide) CLI() string {
	var b strings.Builder
	b.WriteString("kg query " + s.Query.Name)
	for _, p := range s.Query.Params {
		v := s.Raw[p.Name]
		b.WriteString(" --param " + ShellQuote(p.Name+"="+v))
	}
	return b.String()
}

// ShellQuote quotes s for a POSIX shell when it has more than letters,
// digits and - _ : = . , /.
func ShellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r == '-' || r == '_' || r == ':' || r == '=' || r == '.' || r == ',' || r == '/' ||
			r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 0x7f && r != 0xa0)
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// legendLabels are the node labels the introduction shows, with the
// property Browser's caption shows.
var legendLabels = []string{"Person", "Organization", "Place", "Event", "Article", "Sentence"}

type legendItem struct {
	Label, Color, Text, Caption string
}

type slideView struct {
	N           int
	Name        string
	Description string
	Params      []paramView
	ParamCmd    string
	Cypher      string
	CLI         string
	Rows        int
	Problem     string
}

type paramView struct {
	Name, Type, Value, Description string
	Picked                         bool
}

type guideView struct {
	Title    string
	Base     string
	StyleCmd string
	Intro    bool
	Single   bool
	Empty    bool
	Problem  string
	Legend   []legendItem
	Slides   []slideView
}

// WriteHTML writes the guide as the HTML Browser plays: <slide> elements
// inside <article class="guide"> (none for a lone query), runnable blocks as
// <pre class="runnable">.
// The page has no script and no event attributes (Browser strips them).
func (g Guide) WriteHTML(w io.Writer) error {
	v := guideView{Title: g.Title, Base: g.Base, Intro: g.Intro, Empty: g.Empty && g.Problem == "", Problem: g.Problem}
	// Browser 5.24 makes the ▶ of runnable blocks only in a carousel of two
	// or more slides, or in a page without <slide> elements; a lone slide
	// gets none. So a one-query guide is a page without slides.
	v.Single = !g.Intro && len(g.Slides) == 1
	if g.Base != "" {
		v.StyleCmd = "style " + strings.TrimRight(g.Base, "/") + "/kg.grass"
	}
	for _, l := range legendLabels {
		labels := []string{l}
		if l != "Article" && l != "Sentence" {
			labels = append(labels, "Entity")
		}
		caption := strings.Trim(g.Style.Node(labels, "caption"), "{}")
		v.Legend = append(v.Legend, legendItem{
			Label:   l,
			Color:   g.Style.Node(labels, "color"),
			Text:    g.Style.Node(labels, "text-color-internal"),
			Caption: caption,
		})
	}
	for i, s := range g.Slides {
		cmd, err := ParamCommand(s.Query, s.Values)
		if err != nil {
			return err
		}
		sv := slideView{
			N:           i + 1,
			Name:        s.Query.Name,
			Description: s.Query.Description,
			ParamCmd:    cmd,
			Cypher:      Body(s.Query),
			CLI:         s.CLI(),
			Rows:        s.Rows,
			Problem:     s.Problem,
		}
		for _, p := range s.Query.Params {
			picked := false
			for _, n := range s.Picked {
				picked = picked || n == p.Name
			}
			sv.Params = append(sv.Params, paramView{Name: p.Name, Type: p.Type, Value: s.Raw[p.Name], Description: p.Description, Picked: picked})
		}
		v.Slides = append(v.Slides, sv)
	}
	if err := guideTemplate.Execute(w, v); err != nil {
		return fmt.Errorf("browser: write guide: %w", err)
	}
	return nil
}

var guideTemplate = template.Must(template.New("guide").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{.Title}}</title>
</head>
<body>
<article class="guide">
{{- if not .Single}}
<carousel class="deck container-fluid">
{{- end}}
{{- if .Intro}}
<slide class="row-fluid">
<div class="col-sm-12" data-query="">
<h3>{{.Title}}</h3>
<p class="lead">People, organizations, places and events that kg read from news articles, and the sentences that say so.</p>
{{- if .Problem}}
<p><strong>kg could not read the graph</strong> ({{.Problem}}): the slides use the queries' default values.</p>
{{- end}}
{{- if .Empty}}
<p><strong>The graph is empty.</strong> Load articles first (<code>kg load testdata/corpus</code>), then play this guide again: its slides then use values from your graph.</p>
{{- end}}
<p>Each of the next slides is one of kg's canned queries. Run <strong>①</strong> to set its parameters{{if not .Empty}}, picked from this graph{{end}}, then <strong>②</strong> to run the query: click the ▶ beside a block to run it, or the block to copy it into the editor. Use the arrows to move between slides.</p>
<p>Colours and captions:
{{- range .Legend}}
<span class="kg-label" style="display:inline-block;margin:2px 4px;padding:2px 10px;border-radius:12px;background-color:{{.Color}};color:{{.Text}}">{{.Label}}{{if .Caption}} · {{.Caption}}{{end}}</span>
{{- end}}
</p>
{{- if .StyleCmd}}
<p>The local Neo4j applies this style when Browser connects. Nodes still grey? Click <a data-exec="{{.StyleCmd}}">:{{.StyleCmd}}</a> to apply it (Browser keeps it).</p>
{{- end}}
<ol>
{{- range .Slides}}
<li><code>{{.Name}}</code>: {{.Description}}</li>
{{- end}}
</ol>
</div>
</slide>
{{- end}}
{{- range .Slides}}
{{- if not $.Single}}
<slide class="row-fluid">
{{- end}}
<div class="col-sm-12" data-query="{{.Name}}">
<h3>{{.Name}}</h3>
<p class="lead">{{.Description}}</p>
{{- if .Params}}
<table class="table table-condensed">
<tr><th>parameter</th><th>value</th><th>meaning</th></tr>
{{- range .Params}}
<tr><td><code>${{.Name}}</code></td><td><code dir="auto">{{.Value}}</code>{{if .Picked}} <em>(from this graph)</em>{{end}}</td><td>{{.Description}} ({{.Type}})</td></tr>
{{- end}}
</table>
<p><strong>①</strong> Set the parameters:</p>
<pre class="code runnable kg-params">{{.ParamCmd}}</pre>
<p><strong>②</strong> Run the query:</p>
{{- else}}
<p><strong>②</strong> Run the query (it takes no parameters):</p>
{{- end}}
<pre class="code runnable kg-query">{{.Cypher}}</pre>
{{- if eq .Rows 0}}
<p><em>With these values the query returns no rows on this graph.</em></p>
{{- end}}
{{- if .Problem}}
<p><em>kg could not try the query here: {{.Problem}}</em></p>
{{- end}}
<p>From the command line: <code dir="ltr">{{.CLI}}</code></p>
{{- if and $.StyleCmd (not $.Intro)}}
<p>Nodes grey? Click <a data-exec="{{$.StyleCmd}}">:{{$.StyleCmd}}</a> to apply kg's style (Browser keeps it).</p>
{{- end}}
</div>
{{- if not $.Single}}
</slide>
{{- end}}
{{- end}}
{{- if not .Single}}
</carousel>
{{- end}}
</article>
</body>
</html>
`))
