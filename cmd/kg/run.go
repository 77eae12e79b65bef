package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/kgraph/kg/extract"
	"github.com/kgraph/kg/graph"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

// exitError carries an exit status other than 1 out of a command.
type exitError struct {
	code int
	err  error
}

func (e exitError) Error() string { return e.err.Error() }
func (e exitError) Unwrap() error { return e.err }

// errPartial reports that a command did its work but some inputs failed;
// the failures were already printed.
var errPartial = errors.New("some inputs failed")

// run is the whole program: it parses args, runs one command and returns the
// exit status. Errors are printed once, on one line, to stderr.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	app := newApp(stdin, stdout, stderr)
	var unknown string
	app.CommandNotFound = func(_ *cli.Context, name string) { unknown = name }
	err := app.RunContext(ctx, interspersed(app, args))
	if err == nil && unknown != "" {
		err = exitError{2, fmt.Errorf("unknown command %q (kg --help lists the commands)", unknown)}
	}
	if err == nil {
		return 0
	}
	code := 1
	var ee exitError
	if errors.As(err, &ee) {
		code = ee.code
	}
	if !errors.Is(err, errPartial) {
		fmt.Fprintf(stderr, "kg: %s\n", oneLine(err.Error()))
	}
	return code
}

func oneLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s
}

func newApp(stdin io.Reader, stdout, stderr io.Writer) *cli.App {
	app := &cli.App{
		Name:      "kg",
		Usage:     "load news articles into a Neo4j knowledge graph of people, organizations, places and events",
		Version:   version,
		Reader:    stdin,
		Writer:    stdout,
		ErrWriter: stderr,
		// Errors are printed by run, once.
		ExitErrHandler:       func(*cli.Context, error) {},
		EnableBashCompletion: true,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "log-level", Value: "warn", Usage: "debug, info, warn or error (logs go to stderr)", EnvVars: []string{"KG_LOG_LEVEL"}},
		},
		Commands: []*cli.Command{
			loadCommand(),
			extractCommand(),
			deleteCommand(),
			schemaCommand(),
			statusCommand(),
			queriesCommand(),
			queryCommand(),
			browseCommand(),
			tagCommand(),
			evalCommand(),
			trainCommand(),
			genCommand(),
			exportCommand(),
		},
	}
	// A bad flag or argument is a one-line error with exit status 2, not a
	// page of help.
	app.OnUsageError = usageError("kg")
	for _, c := range app.Commands {
		c.OnUsageError = usageError("kg " + c.Name)
	}
	return app
}

func usageError(cmd string) cli.OnUsageErrorFunc {
	return func(_ *cli.Context, err error, _ bool) error {
		return exitError{2, fmt.Errorf("%v (see %s --help)", err, cmd)}
	}
}

// neo4jFlags are shared by every command that talks to the database. The
// environment variables are the ones Neo4j's own tools read.
func neo4jFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "uri", Value: "bolt://127.0.0.1:7687", Usage: "Neo4j URI (bolt://, neo4j://, +s, +ssc)", EnvVars: []string{"NEO4J_URI"}},
		&cli.StringFlag{Name: "username", Value: "neo4j", Usage: "Neo4j user", EnvVars: []string{"NEO4J_USERNAME"}},
		&cli.StringFlag{Name: "password", Value: "kgpassword", Usage: "Neo4j password", EnvVars: []string{"NEO4J_PASSWORD"}},
		&cli.StringFlag{Name: "database", Value: "neo4j", Usage: "Neo4j database", EnvVars: []string{"NEO4J_DATABASE"}},
	}
}

func logger(c *cli.Context) *slog.Logger {
	var lvl slog.Level
	if err := lvl.UnmarshalText([]byte(c.String("log-level"))); err != nil {
		lvl = slog.LevelWarn
	}
	return slog.New(slog.NewTextHandler(c.App.ErrWriter, &slog.HandlerOptions{Level: lvl}))
}

func graphConfig(c *cli.Context) graph.Config {
	return graph.Config{
		URI:      c.String("uri"),
		Username: c.String("username"),
		Password: c.String("password"),
		Database: c.String("database"),
		Logger:   logger(c),
	}
}

// openStore connects to Neo4j with the command's flags.
func openStore(c *cli.Context) (*graph.Store, error) {
	return graph.Open(c.Context, graphConfig(c))
}

// taggerFlag turns the statistical tagger stage of extraction on or off.
func taggerFlag() cli.Flag {
	return &cli.BoolFlag{Name: "tagger", Value: true, Usage: "find names no gazetteer knows with the built-in tagger (--tagger=false: gazetteer and rules only, about twice as fast)"}
}

// newPipeline builds the extraction pipeline the command's flags ask for.
func newPipeline(c *cli.Context) (*extract.Pipeline, error) {
	return extract.New(extract.Options{UseTagger: c.Bool("tagger"), Logger: logger(c)})
}
