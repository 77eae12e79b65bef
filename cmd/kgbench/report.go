package main

import (
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"
	"time"
)

// print writes the table, the targets and the one-line summary.
func (b *bench) print(w io.Writer, load0 string, took time.Duration) {
	f := &b.facts
	fmt.Fprintf(w, "\n## kg bench\n\n")
	fmt.Fprintf(w, "Machine: %d cores (%s), load average %s at the start and %s at the end; %s; Neo4j 5.26 Community, heap %s, page cache %s; batch size %s; corpus kg gen --seed %d. Whole run: %.0f s.\n\n",
		runtime.NumCPU(), cpuModel(), load0, loadavg(), runtime.Version(), b.cfg.heap, b.cfg.pagecache, batchText(b.cfg.batch), b.cfg.seed, took.Seconds())
	fmt.Fprintln(w, "| phase | articles | elements | seconds | articles/s | elements/s | MB/s | peak RSS | Neo4j CPU s | note |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
	for _, r := range b.rows {
		fmt.Fprintf(w, "| %s | %d | %s | %.1f | %s | %s | %s | %s | %s | %s |\n", r.phase, r.articles,
			orDash(r.elements > 0, fmt.Sprint(r.elements)), r.seconds,
			orDash(r.seconds > 0, fmt.Sprintf("%.0f", float64(r.articles)/r.seconds)),
			orDash(r.elements > 0 && r.seconds > 0, fmt.Sprintf("%.0f", float64(r.elements)/r.seconds)),
			orDash(r.mbps > 0, fmt.Sprintf("%.2f", r.mbps)),
			orDash(r.rss > 0, fmt.Sprintf("%.0f MB", float64(r.rss)/1e6)),
			orDash(r.neo4jCPU >= 0, fmt.Sprintf("%.0f", r.neo4jCPU)), r.note)
	}

	rate := row.rate
	csvRatio, naiveRatio, reload := median(f.ratios), ratio(f.load, f.naive), 0.0
	var each []string
	for _, r := range f.ratios {
		each = append(each, fmt.Sprintf("%.2f", r))
	}
	rounds := fmt.Sprintf("median of %d round(s): %s", len(f.ratios), strings.Join(each, ", "))
	if f.reload.seconds > 0 {
		reload = f.load.seconds / f.reload.seconds
	}
	var sizes []int
	for n := range f.rss {
		sizes = append(sizes, n)
	}
	slices.Sort(sizes)
	var rssParts []string
	var minRSS, maxRSS int64
	for _, n := range sizes {
		v := f.rss[n]
		rssParts = append(rssParts, fmt.Sprintf("%.0f MB at %d", float64(v)/1e6, n))
		if minRSS == 0 || v < minRSS {
			minRSS = v
		}
		maxRSS = max(maxRSS, v)
	}

	fmt.Fprintf(w, "\nTargets:\n\n")
	target := func(ok bool, text string) {
		mark := "met"
		if !ok {
			mark = "MISSED"
		}
		fmt.Fprintf(w, "- %s: %s\n", mark, text)
	}
	warm := "each load on a freshly started server"
	if b.cfg.warm > 0 {
		warm = fmt.Sprintf("each load on a freshly started server warmed up by both loaders on %d other articles", b.cfg.warm)
	}
	csvTarget := fmt.Sprintf("kg load ≥ LOAD CSV on the same graph: ratio %.2f (elements/s, kg load end to end with extraction, LOAD CSV from ready files; %s; %s)", csvRatio, rounds, warm)
	if b.cfg.ratioOnly {
		target(csvRatio >= 1, csvTarget)
		fmt.Fprintf(w, "\nkgbench: kg load %d articles in %.0f s (%.0f elements/s); LOAD CSV %.0f elements/s; kg/LOAD CSV %.2f (%s)\n",
			f.load.articles, f.load.seconds, rate(f.load), rate(f.csv), csvRatio, rounds)
		return
	}
	target(f.arMBpsAll >= 5, fmt.Sprintf("extraction ≥ 5 MB/s of Arabic on all cores: %.2f MB/s (%.2f on one core)", f.arMBpsAll, f.arMBps1))
	noTagger, extracted := ratio(f.noTagger, f.csv), ratio(f.extracted, f.csv)
	target(csvRatio >= 1, fmt.Sprintf("%s; round 1: %.2f with --tagger=false, %.2f loading kg extract's output (both from ready files)", csvTarget, noTagger, extracted))
	target(naiveRatio >= 20, fmt.Sprintf("kg load ≥ 20× the naive loader: %.0f×", naiveRatio))
	if b.cfg.n == 10000 {
		target(f.load.seconds < 120, fmt.Sprintf("10,000 articles end to end in under 2 minutes: %.0f s", f.load.seconds))
	} else {
		fmt.Fprintf(w, "- (10,000 articles in under 2 minutes: not measured, BENCH_N=%d: %.0f s)\n", b.cfg.n, f.load.seconds)
	}
	target(reload >= 10, fmt.Sprintf("reload ≥ 10× faster than the first load: %.0f×", reload))
	flat := maxRSS < 300e6 && float64(maxRSS) <= 1.5*float64(minRSS)
	target(flat, fmt.Sprintf("peak RSS under 300 MB and flat in N: %s", strings.Join(rssParts, ", ")))

	fmt.Fprintf(w, "\nkgbench: extraction %.2f MB/s Arabic (%.2f on 1 core); kg load %d articles in %.0f s (%.0f articles/s, %.0f elements/s); LOAD CSV %.0f elements/s, kg/LOAD CSV %.2f, %s (round 1: %.2f with --tagger=false, %.2f from kg extract's output); naive %.0f elements/s, kg/naive %.0f×; reload %.1f s (%.0f×); peak RSS %s\n",
		f.arMBpsAll, f.arMBps1, f.load.articles, f.load.seconds, float64(f.load.articles)/f.load.seconds, rate(f.load),
		rate(f.csv), csvRatio, rounds, noTagger, extracted, rate(f.naive), naiveRatio, f.reload.seconds, reload, strings.Join(rssParts, ", "))
}

// median of xs, 0 for none.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Sorted(slices.Values(xs))
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func orDash(ok bool, s string) string {
	if ok {
		return s
	}
	return "–"
}

func batchText(n int) string {
	if n == 0 {
		return "kg's default"
	}
	return fmt.Sprint(n)
}
