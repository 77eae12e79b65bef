package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/urfave/cli/v2"
)

func statusCommand() *cli.Command {
	return &cli.Command{
		Name:  "status",
		Usage: "what the graph holds: articles done and pending, nodes and relationships",
		Description: `Prints how many articles are done and how many are pending, the nodes per
label and the relationships per type. A pending article has its content in
the graph but not yet its share of entity counts and relations: a load is
writing it, or one was interrupted (killed, or the machine went down) before
it could finish. Loading its file again finishes it; kg delete ID removes it.
Pending articles are listed by id and path, the first --pending of them.

Example:
   kg status`,
		Flags: append(neo4jFlags(),
			&cli.IntFlag{Name: "pending", Value: 20, Usage: "pending articles to list (0: all)"},
		),
		Action: func(c *cli.Context) error {
			st, err := openStore(c)
			if err != nil {
				return err
			}
			defer st.Close(c.Context)
			counts, err := st.Counts(c.Context)
			if err != nil {
				return err
			}
			n, pending, err := st.Pending(c.Context, c.Int("pending"))
			if err != nil {
				return err
			}
			w := c.App.Writer
			fmt.Fprintf(w, "articles: %d done, %d pending\n", counts.Nodes["Article"]-int64(n), n)
			if n > 0 {
				fmt.Fprintln(w, "pending (a load is writing them, or one was interrupted; load their files again, or kg delete their ids):")
				for _, p := range pending {
					fmt.Fprintf(w, "  %s\t%s\n", p.ID, p.Path)
				}
				if more := n - len(pending); more > 0 {
					fmt.Fprintf(w, "  … and %d more (--pending 0 lists all)\n", more)
				}
			}
			printCounts(w, "nodes", counts.Nodes)
			printCounts(w, "relationships", counts.Relationships)
			return nil
		},
	}
}

// printCounts prints a total and the count of each label or type, by name.
func printCounts(w io.Writer, what string, m map[string]int64) {
	parts := countParts(m, "%s %d", "*")
	if len(parts) == 0 {
		fmt.Fprintf(w, "%s: 0\n", what)
		return
	}
	fmt.Fprintf(w, "%s: %d (%s)\n", what, m["*"], strings.Join(parts, ", "))
}
