# kg — common tasks. The README's two commands are `make demo` and `make test`.

GO        ?= go
BIN       := bin/kg
NEO4J     := deploy/neo4j/neo4j
SHARED    ?= ../shared
ANERCORP  ?= $(SHARED)/data/anercorp/train.txt

# Start the local Neo4j only when NEO4J_URI does not point elsewhere.
ifeq ($(strip $(NEO4J_URI)),)
NEO4J_UP := $(NEO4J) start
else
NEO4J_UP := @echo "using Neo4j at $(NEO4J_URI)"
endif

.PHONY: all build demo explore explore-stop browser-test test unit lint cypherlint vet neo4j-start neo4j-stop neo4j-status eval train bench bench-go fuzz clean

all: build

build:
	$(GO) build -o $(BIN) ./cmd/kg

## demo: start Neo4j, build kg, load the sample corpus, run a canned query, print the Browser link.
demo: build
	$(NEO4J_UP)
	$(BIN) load testdata/corpus
	$(BIN) query top-entities --param limit=10
	@echo
	@mkdir -p out
	@if ! curl -fsS http://127.0.0.1:7480/healthz >/dev/null 2>&1; then \
	  nohup $(BIN) browse >out/browse.log 2>&1 & echo $$! >out/browse.pid; sleep 1; \
	  echo "kg browse serves kg's guide in the background (log: out/browse.log; make explore-stop stops it)"; fi
	@$(BIN) browse --print-only

## explore-stop: stop the kg browse that make demo started.
explore-stop:
	@if [ -f out/browse.pid ]; then kill $$(cat out/browse.pid) 2>/dev/null || true; rm -f out/browse.pid; fi

## explore: serve kg's Neo4j Browser guide (kg browse) and print the link that opens it; Ctrl-C stops.
explore: build
	$(NEO4J_UP)
	$(BIN) browse

## browser-test: the end-to-end test in headless Chromium (screenshots in out/screenshots/).
browser-test:
	$(NEO4J_UP)
	KG_REQUIRE_NEO4J=1 $(GO) test -count=1 -timeout 10m -run TestBrowser -v ./e2e/

## test: vet, unit and integration tests against a real Neo4j, Cypher lint.
test: vet cypherlint
	$(NEO4J_UP)
	KG_REQUIRE_NEO4J=1 $(GO) test -count=1 -timeout 30m ./...

vet:
	$(GO) vet ./...
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || (echo "gofmt needed:"; gofmt -l $$(git ls-files '*.go'); exit 1)

cypherlint:
	npm ci --prefix tools/cypherlint --no-audit --no-fund --silent
	node tools/cypherlint/lint.mjs queries

neo4j-start:
	$(NEO4J) start
neo4j-stop:
	$(NEO4J) stop
neo4j-status:
	$(NEO4J) status

## eval: tagger F1 on the ANERcorp dev split and extraction scores on the annotated corpora.
eval: build
	$(BIN) eval --conll $(ANERCORP) --dev-split
	$(BIN) eval --corpus testdata/corpus --annotations testdata/annotations
	$(BIN) eval --corpus $(SHARED)/corpus --annotations testdata/annotations

## train: retrain the shipped tagger model (byte-identical to extract/tagger/model.bin).
train: build
	$(BIN) train --conll $(ANERCORP) --out extract/tagger/model.bin

## bench: kg gen corpus; extraction alone, kg load vs LOAD CSV vs a naive loader, reload, peak RSS,
## on a Neo4j of its own (ports 7688/7475, home $$TMPDIR/kg-bench-neo4j); one table and a summary.
## Knobs: BENCH_N=10000 BENCH_NAIVE_N=200 BENCH_RSS=1000,10000,100000 (see cmd/kgbench), e.g.
##   make bench BENCH_N=1000 BENCH_RSS=1000 BENCH_NAIVE_N=20   # a quick run
bench: build
	$(GO) run ./cmd/kgbench --kg $(BIN) --out out/bench.md

## bench-go: the Go micro-benchmarks (extraction, graph writes).
bench-go:
	$(GO) test -run '^$$' -bench . -benchmem ./extract/... ./graph/

## fuzz: run fuzz targets for a bounded number of inputs each, e.g. make fuzz FUZZ='FuzzReadJSONL FuzzExtract' FUZZTIME=500000x
## A count, not a duration: Go 1.26's fuzzing coordinator can fail a duration-bounded
## run at its deadline with no input at fault (go.dev/issue/75804, fixed in Go 1.27).
## 100000 inputs took 10-37 s a target on the 2-core machine kg is developed on.
FUZZTIME ?= 100000x
FUZZ     ?= $(shell grep -rhoE '^func Fuzz[A-Za-z0-9_]+' --include='*_test.go' . | awk '{print $$2}' | sort -u)
fuzz:
	@for t in $(FUZZ); do \
	  pkg=$$(grep -rlE "^func $$t\(" --include='*_test.go' . | head -1 | xargs -r dirname); \
	  test -n "$$pkg" || { echo "fuzz: no target $$t"; exit 1; }; \
	  echo "fuzz $$pkg $$t for $(FUZZTIME)"; $(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; done

clean:
	rm -rf bin
