package main

import (
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/kgraph/kg/queries"
)

func queriesCommand() *cli.Command {
	return &cli.Command{
		Name:  "queries",
		Usage: "list the canned queries with their parameters",
		Description: `One line per canned query: name, description, parameters with
their types and defaults. Run one with kg query NAME.

Example:
   kg queries`,
		Action: func(c *cli.Context) error {
			all, err := queries.All()
			if err != nil {
				return err
			}
			w := c.App.Writer
			for _, q := range all {
				var ps []string
				for _, p := range q.Params {
					s := p.Name + ":" + p.Type
					if p.Default != "" {
						s += "=" + p.Default
					}
					ps = append(ps, s)
				}
				fmt.Fprintf(w, "%-22s %s", q.Name, q.Description)
				if len(ps) > 0 {
					fmt.Fprintf(w, "  [%s]", strings.Join(ps, " "))
				}
				fmt.Fprintln(w)
			}
			return nil
		},
	}
}
