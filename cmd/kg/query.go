package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/kgraph/kg/browser"
	"github.com/kgraph/kg/graph"
	"github.com/kgraph/kg/queries"
)

func queryCommand() *cli.Command {
	return &cli.Command{
		Name:      "query",
		Usage:     "run a canned query",
		ArgsUsage: "NAME",
		Description: `Runs one of the canned queries (see kg queries) with its parameters
given as --param key=value. Values only ever fill $parameters: they cannot
change the query.

With --browser it prints, instead of running the query, a Neo4j Browser
link that connects to the database and opens the query with its parameters
(a slide served by kg browse when that runs; else the editor); --open also
opens it.

Examples:
   kg query entity-search --param q=سورية
   kg query top-entities --param type=Person --format csv
   kg query neighbourhood --param entity=person:sergey-lavrov --browser --open`,
		Flags: append(append(neo4jFlags(), browserFlags()...),
			&cli.StringSliceFlag{Name: "param", Aliases: []string{"p"}, Usage: "query parameter `key=value` (repeatable)"},
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "table", Usage: "table, json or csv"},
			&cli.BoolFlag{Name: "browser", Usage: "print a Neo4j Browser link to the query instead of running it"},
			&cli.BoolFlag{Name: "open", Usage: "with --browser: open the link with xdg-open"},
			&cli.StringFlag{Name: "browse-addr", Value: defaultBrowseAddr, Usage: "with --browser: where kg browse listens", EnvVars: []string{"KG_BROWSE_ADDR"}},
		),
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return fmt.Errorf("query: give exactly one query name (see kg queries)")
			}
			q, err := queries.Get(c.Args().First())
			if err != nil {
				return err
			}
			raw := map[string]string{}
			for _, kv := range c.StringSlice("param") {
				k, v, ok := strings.Cut(kv, "=")
				if !ok || k == "" {
					return fmt.Errorf("query: --param %q is not key=value", kv)
				}
				raw[k] = v
			}
			params, err := q.Bind(raw)
			if err != nil {
				return fmt.Errorf("query %s: %w", q.Name, err)
			}
			if c.Bool("browser") || c.Bool("open") {
				link, err := browserLink(c)
				if err != nil {
					return err
				}
				u, note, err := queryLink(c.Context, link, guideBase(c.String("browse-addr")), q, raw, params)
				if err != nil {
					return err
				}
				fmt.Fprintln(c.App.Writer, u)
				if note != "" {
					fmt.Fprintln(c.App.ErrWriter, "kg: "+note)
				}
				if c.Bool("open") {
					openURL(c.Context, c.App.ErrWriter, u)
				}
				return nil
			}
			format := c.String("format")
			if format != "table" && format != "json" && format != "csv" {
				return fmt.Errorf("query: unknown --format %q (table, json or csv)", format)
			}
			st, err := openStore(c)
			if err != nil {
				return err
			}
			defer st.Close(c.Context)
			keys, rows, err := st.Query(c.Context, q.Text, params)
			if err != nil && strings.Contains(err.Error(), "lucene.queryparser") {
				// The full-text search text is Lucene syntax.
				return fmt.Errorf("query %s: the search text is not valid Lucene syntax (close quotes and brackets, or put a backslash before \" ( ) : ~ * ?)", q.Name)
			}
			if err != nil {
				return fmt.Errorf("query %s: %w", q.Name, err)
			}
			if err := writeRows(c.App.Writer, format, keys, rows); err != nil {
				return err
			}
			if len(rows) == 0 {
				for _, h := range unknownEntities(c.Context, st, q, params) {
					fmt.Fprintln(c.App.ErrWriter, "kg: "+h)
				}
			}
			return nil
		},
	}
}

// qEntityKnown tells whether an entity has $v as its id, name, English name
// or alias: how the canned queries read an entity parameter.
const qEntityKnown = `MATCH (e:Entity) WHERE e.id = $v OR e.name = $v OR e.nameEn = $v OR $v IN e.aliases RETURN count(e) AS n`

// unknownEntities explains an empty result: for each entity parameter
// (one its query reads as an entity's id, name or alias) whose value no
// entity has, a line that says so and how to find the entity. A failed
// check says nothing: the query itself has already run.
func unknownEntities(ctx context.Context, st *graph.Store, q queries.Query, params map[string]any) []string {
	var hints []string
	for _, p := range q.Params {
		v, _ := params[p.Name].(string)
		if v == "" || !p.Entity {
			continue
		}
		_, rows, err := st.Query(ctx, qEntityKnown, map[string]any{"v": v})
		if err != nil || len(rows) != 1 || len(rows[0]) != 1 || rows[0][0] != int64(0) {
			continue
		}
		hints = append(hints, fmt.Sprintf("no entity has the id, name or alias %q (--param %s); find it by any spelling with: kg query entity-search --param %s",
			v, p.Name, browser.ShellQuote("q="+v)))
	}
	return hints
}
