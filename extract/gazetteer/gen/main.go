// Command gen builds the generated gazetteer lists, data/places.tsv and
// data/given_gen.txt, from openly licensed sources: GeoNames names shipped
// in Debian's libgeonames-common, CLDR territory and time-zone city names,
// and the given names of the arabic-name-to-en package. `go generate` in
// extract/gazetteer runs it; SOURCES.md there says how to install the
// inputs. Output is sorted, so the same inputs give the same bytes.
package main

import (
	"context"
	"os"
	"os/signal"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stderr)
	stop()
	os.Exit(code)
}
