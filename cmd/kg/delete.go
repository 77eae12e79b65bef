package main

import (
	"fmt"

	"github.com/urfave/cli/v2"
)

func deleteCommand() *cli.Command {
	return &cli.Command{
		Name:      "delete",
		Usage:     "remove articles and everything only they contributed",
		ArgsUsage: "ARTICLE_ID...",
		Description: `Removes each article, its sentences and mentions, its share of every
relation and count, and entities no other article mentions. Nothing else
changes.

Example:
   kg delete 000_ef85649ef22ca4f1`,
		Flags: neo4jFlags(),
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return fmt.Errorf("delete: give at least one article id")
			}
			st, err := openStore(c)
			if err != nil {
				return err
			}
			defer st.Close(c.Context)
			missing := 0
			for _, id := range c.Args().Slice() {
				ok, err := st.Delete(c.Context, id)
				if err != nil {
					return fmt.Errorf("delete %s: %w", id, err)
				}
				if ok {
					fmt.Fprintf(c.App.Writer, "deleted %s\n", id)
				} else {
					fmt.Fprintf(c.App.ErrWriter, "kg: no article %q\n", id)
					missing++
				}
			}
			if missing > 0 {
				return exitError{code: 1, err: errPartial}
			}
			return nil
		},
	}
}
