// Package e2e holds kg's end-to-end test in a real browser: the kg binary
// loads the sample corpus into a real Neo4j, kg browse serves the guide, and
// headless Chromium drives the Neo4j Browser that Neo4j serves, through the
// links kg prints. See browser_test.go; screenshots go to out/screenshots/.
package e2e
