package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os/exec"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/kgraph/kg/browser"
	"github.com/kgraph/kg/queries"
)

// defaultBrowseAddr is where kg browse listens, and where kg load and
// kg query --browser expect it.
const defaultBrowseAddr = "127.0.0.1:7480"

func browseCommand() *cli.Command {
	return &cli.Command{
		Name:  "browse",
		Usage: "serve kg's Neo4j Browser guide and style, and print the link that opens them",
		Description: `Runs a small HTTP server for Neo4j Browser: /guide.html is a guide with
one slide per canned query, its parameters set to values found in the graph
(the most covered person, a place, an article, ...); /query/NAME.html is the
same for one query (kg query NAME --browser links to it); /kg.grass is kg's
style. It prints a Browser link that connects to the database and puts the
:play command for the guide in the editor. Ctrl-C stops the server.

The local Neo4j (deploy/neo4j/neo4j) applies kg's style whenever Browser
connects, whether kg browse runs or not; the guide needs kg browse running.

Examples:
   kg browse
   kg browse --open
   kg browse --print-only`,
		Flags: append(append(neo4jFlags(), browserFlags()...),
			&cli.StringFlag{Name: "addr", Value: defaultBrowseAddr, Usage: "`host:port` to listen on (port 0 picks a free one)", EnvVars: []string{"KG_BROWSE_ADDR"}},
			&cli.StringSliceFlag{Name: "allow-origin", Usage: "another `origin` allowed to fetch the guide (Browser's own is always allowed)"},
			&cli.BoolFlag{Name: "open", Usage: "open the link with xdg-open"},
			&cli.BoolFlag{Name: "print-only", Usage: "print the links and exit without serving"},
		),
		Action: func(c *cli.Context) error {
			link, err := browserLink(c)
			if err != nil {
				return err
			}
			if c.Bool("print-only") {
				base := guideBase(c.String("addr"))
				return printGuideLinks(c.App.Writer, link, base, browseRunning(c.Context, base))
			}
			ln, err := net.Listen("tcp", c.String("addr"))
			if err != nil {
				return fmt.Errorf("browse: %w", err)
			}
			defer ln.Close()
			base := guideBase(ln.Addr().String())
			st, err := openStore(c)
			if err != nil {
				return err
			}
			defer st.Close(context.WithoutCancel(c.Context))
			origin, err := browser.Origin(link.Browser)
			if err != nil {
				return err
			}
			srv := &browser.Server{
				Run:     st.Query,
				Base:    base,
				Origins: append(originAliases(origin), c.StringSlice("allow-origin")...),
				Logger:  logger(c),
			}
			if tcp, ok := ln.Addr().(*net.TCPAddr); ok && tcp.IP.IsLoopback() {
				srv.Hosts = browser.LoopbackAliases(ln.Addr().String())
			}
			open, err := link.Edit(":play " + base + "/guide.html")
			if err != nil {
				return err
			}
			srv.Open = open
			hs := &http.Server{
				Handler:           srv.Handler(),
				ReadHeaderTimeout: 10 * time.Second,
				WriteTimeout:      2 * time.Minute,
				BaseContext:       func(net.Listener) context.Context { return c.Context },
			}
			done := make(chan error, 1)
			go func() { done <- hs.Serve(ln) }()
			fmt.Fprintf(c.App.Writer, "kg browse: serving kg's guide and style at %s/ (Ctrl-C stops)\n", base)
			if err := printGuideLinks(c.App.Writer, link, base, true); err != nil {
				return err
			}
			if c.Bool("open") {
				openURL(c.Context, c.App.ErrWriter, open)
			}
			select {
			case err := <-done:
				return fmt.Errorf("browse: %w", err)
			case <-c.Context.Done():
			}
			ctx, cancel := context.WithTimeout(context.WithoutCancel(c.Context), 5*time.Second)
			defer cancel()
			if err := hs.Shutdown(ctx); err != nil {
				return fmt.Errorf("browse: shutdown: %w", err)
			}
			return nil
		},
	}
}

// guideBase is the address Browser fetches kg browse's pages from, for a
// server listening on addr. A loopback (or any-interface) listener is
// named "localhost": Browser's built-in allowlist (guides.neo4j.com,
// localhost) accepts it before Browser has read the server's own, as a link
// that plays a guide at page load needs, and so does Neo4j's default
// browser.remote_content_hostname_whitelist.
func guideBase(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "http://" + addr
	}
	ip := net.ParseIP(host)
	if host == "" || host == "localhost" || ip != nil && (ip.IsLoopback() || ip.IsUnspecified()) {
		return "http://" + net.JoinHostPort("localhost", port)
	}
	return "http://" + addr
}

// browserFlags say where Neo4j Browser is; commands that print Browser
// links take them along with neo4jFlags.
func browserFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "browser-url", Usage: "Neo4j Browser's `address` (default: the --uri host, port 7474, /browser/)", EnvVars: []string{"KG_BROWSER_URL"}},
	}
}

// browserLink is the Browser link builder for the command's flags.
func browserLink(c *cli.Context) (browser.Link, error) {
	addr := c.String("browser-url")
	if addr == "" {
		var err error
		if addr, err = browser.DefaultBrowser(c.String("uri")); err != nil {
			return browser.Link{}, err
		}
	}
	return browser.Link{Browser: addr, URI: c.String("uri"), User: c.String("username"), Database: c.String("database")}, nil
}

// originAliases returns origin and, for a loopback origin, the same port on
// the other loopback names: Browser opened as localhost:7474 sends that.
func originAliases(origin string) []string {
	scheme, hostPort, ok := strings.Cut(origin, "://")
	if !ok {
		return []string{origin}
	}
	if _, _, err := net.SplitHostPort(hostPort); err != nil {
		return []string{origin}
	}
	var out []string
	for _, h := range browser.LoopbackAliases(hostPort) {
		out = append(out, scheme+"://"+h)
	}
	return out
}

// printGuideLinks prints how to open the guide served at base.
func printGuideLinks(w io.Writer, link browser.Link, base string, serving bool) error {
	open, err := link.Edit(":play " + base + "/guide.html")
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Neo4j Browser with kg's guide (connect, then run the :play command in the editor):\n  %s\n", open)
	fmt.Fprintf(w, "Already in Browser? Run:\n  :play %s/guide.html\n", base)
	if !serving {
		fmt.Fprintf(w, "The guide needs kg browse running: start it with `kg browse` (Ctrl-C stops it).\n")
	}
	graph, err := link.Edit(overviewQuery)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Or see the graph at once, with or without kg browse (connect, then press Run):\n  %s\n", graph)
	return nil
}

// overviewQuery draws the typed relations between entities: a link to it
// shows the graph in kg's style with nothing but Neo4j running.
const overviewQuery = `MATCH (e:Entity)-[r:HOLDS_ROLE|SPOKESPERSON_FOR|MEMBER_OF|PART_OF|PARTICIPATED_IN|OCCURRED_IN|RENAMED_TO]->(o:Entity)
RETURN e, r, o
LIMIT 300`

// queryLink returns the Browser link for kg query NAME --browser, and a note
// for stderr. With kg browse answering at base, Browser plays a one-slide
// guide for the query: one click sets the parameters, one runs the query
// and draws its graph. Without it, the editor gets the parameters and the
// query as a script; Browser runs a script but shows only a summary per
// statement, so the graph needs the query run once more. A query without
// parameters goes straight into the editor.
func queryLink(ctx context.Context, link browser.Link, base string, q queries.Query, raw map[string]string, values map[string]any) (string, string, error) {
	if len(q.Params) == 0 {
		u, err := link.Edit(browser.Body(q))
		return u, "", err
	}
	if browseRunning(ctx, base) {
		u, err := link.Play(browser.QueryPage(base, q.Name, raw))
		return u, "Browser shows a slide for the query: click ▶ on ① to set the parameters, then on ② to run it.", err
	}
	cmd, err := browser.ParamCommand(q, values)
	if err != nil {
		return "", "", err
	}
	script := cmd + ";\n" + browser.Body(q)
	u, err := link.Edit(script)
	if errors.Is(err, browser.ErrLink) {
		return "", "", fmt.Errorf("query %s: these parameter values cannot go into a Browser link; start kg browse and try again: %w", q.Name, err)
	}
	note := fmt.Sprintf("kg browse is not running at %s: the link puts the parameters and the query in the editor. Browser runs the two as a script and shows no graph for a script; start kg browse for a link that does.", strings.TrimPrefix(base, "http://"))
	return u, note, err
}

// browseRunning reports whether a kg browse server answers at base.
func browseRunning(ctx context.Context, base string) bool {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/healthz", nil)
	if err != nil {
		return false
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return false
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 16))
	return resp.StatusCode == http.StatusOK && strings.TrimSpace(string(b)) == "ok"
}

// openURL opens u with xdg-open when there is one; otherwise it says so.
func openURL(ctx context.Context, errw io.Writer, u string) {
	bin, err := exec.LookPath("xdg-open")
	if err != nil {
		fmt.Fprintln(errw, "kg: xdg-open not found: open the link yourself")
		return
	}
	cmd := exec.CommandContext(context.WithoutCancel(ctx), bin, u)
	if err := cmd.Start(); err != nil {
		fmt.Fprintf(errw, "kg: xdg-open: %v\n", err)
		return
	}
	go cmd.Wait() // reap it; kg may exit first, which is fine
}

// printExploreLink ends kg load: the Browser link to the guide, and how to
// start the server behind it when it is not running.
func printExploreLink(c *cli.Context) {
	link, err := browserLink(c)
	if err != nil {
		return // the load went fine; a bad --browser-url only costs the hint
	}
	base := guideBase(c.String("browse-addr"))
	u, err := link.Edit(":play " + base + "/guide.html")
	if err != nil {
		return
	}
	if browseRunning(c.Context, base) {
		fmt.Fprintf(c.App.Writer, "explore: open %s\n", u)
		return
	}
	fmt.Fprintf(c.App.Writer, "explore: run `kg browse`, then open %s\n", u)
}
