package main

import (
	"fmt"

	"github.com/urfave/cli/v2"
)

func schemaCommand() *cli.Command {
	return &cli.Command{
		Name:  "schema",
		Usage: "create the graph's constraints and indexes (idempotent)",
		Description: `Creates uniqueness constraints on every id, lookup indexes and the
full-text index over entity names and aliases (Arabic analyzer). Safe to run
any number of times; kg load runs it too.

Example:
   kg schema`,
		Flags: neo4jFlags(),
		Action: func(c *cli.Context) error {
			st, err := openStore(c)
			if err != nil {
				return err
			}
			defer st.Close(c.Context)
			if err := st.Schema(c.Context); err != nil {
				return err
			}
			fmt.Fprintln(c.App.Writer, "schema ready")
			return nil
		},
	}
}
