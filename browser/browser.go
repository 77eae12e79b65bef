// Package browser prepares kg's graph for Neo4j Browser 5: the style that
// colours and captions nodes by type (kg.grass, and the inline form the local
// Neo4j applies on connect), a guide with one slide per canned query whose
// parameters are set to values found in the loaded graph, deep links that
// open Browser on a query, and an HTTP handler that serves the style and the
// guides to Browser (kg browse).
//
// What Neo4j Browser 5.24 (the version the local Neo4j serves) does with
// these, read from its source and checked in Chromium by e2e/:
//   - browser.post_connect_cmd runs each ';'-separated command after a
//     connection; `style <json>` applies a style without fetching anything.
//   - A URL with cmd=edit&arg=… puts text in the editor and keeps the
//     post-connect commands; cmd=play&arg=<url> plays a guide at once but
//     skips the post-connect commands for that page load.
//   - Browser decodes the whole URL once before reading arg, so an arg
//     cannot carry '&' or '#'.
//   - A guide is HTML whose <slide> elements become a carousel; clicking
//     the ▶ of a <pre class="runnable"> runs its text.
//   - Several statements in one run (a script) show only a summary per
//     statement, never a graph: parameters and the query they feed have to
//     be run one after the other.
//   - Node size is a fixed diameter per label; no style property sizes a
//     node by one of its properties.
package browser

import "errors"

// Errors returned by this package; test for them with errors.Is.
var (
	// ErrStyle means a GraSS style sheet is malformed.
	ErrStyle = errors.New("bad style")
	// ErrLink means a Browser link cannot carry the given text or address.
	ErrLink = errors.New("cannot build Browser link")
)
