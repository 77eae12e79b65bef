package main

import (
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

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

Examples:
   kg query entity-search --param q=سورية
   kg query top-entities --param type=Person --format csv`,
		Flags: append(neo4jFlags(),
			&cli.StringSliceFlag{Name: "param", Aliases: []string{"p"}, Usage: "query parameter `key=value` (repeatable)"},
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "table", Usage: "table, json or csv"},
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
			if err != nil {
				return fmt.Errorf("query %s: %w", q.Name, err)
			}
			return writeRows(c.App.Writer, format, keys, rows)
		},
	}
}
