package e2e

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/kgraph/kg/browser"
	"github.com/kgraph/kg/queries"
)

var updateDocs = flag.Bool("update-docs", false, "also write the styled-graph screenshot to docs/explore.png")

// The sample corpus (testdata/corpus) has Sergey Lavrov in several articles;
// the deep link asks for his neighbourhood.
const (
	lavrovID   = "person:sergey-lavrov"
	lavrovName = "سيرغي لافروف"
)

// TestBrowser drives Neo4j Browser in headless Chromium through the links kg
// prints, against the Neo4j at NEO4J_URI (default the local one) loaded with
// testdata/corpus by the kg binary:
//   - the link kg load prints connects, the server's post-connect command
//     applies kg's style, and the :play it puts in the editor opens the guide,
//     whose every slide sets its parameters and runs its query without error;
//   - the link of kg query neighbourhood --browser plays a slide for Lavrov
//     whose query draws his neighbourhood with kg's captions and colours;
//   - without kg browse, the link puts the parameters and the query in the
//     editor, and Browser runs them.
//
// It needs Chromium (Debian package chromium; or KG_CHROMIUM) and Neo4j. When
// CI is set (or KG_REQUIRE_NEO4J for Neo4j) a missing one fails the test;
// elsewhere it skips, loudly. Screenshots go to out/screenshots/.
func TestBrowser(t *testing.T) {
	ci := os.Getenv("CI") != ""
	root := repoRoot(t)
	chrome := findChromium(t, ci)
	kg := buildKG(t, root)
	style, err := browser.KG()
	if err != nil {
		t.Fatal(err)
	}
	personColor := style.Node([]string{"Entity", "Person"}, "color")

	addr := freeAddr(t)
	env := append(os.Environ(), "KG_BROWSE_ADDR="+addr)
	requireNeo4j(t, kg, env, ci)
	shots := filepath.Join(root, "out", "screenshots")
	if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}

	browseOut := startBrowse(t, kg, env)
	load := runKG(t, kg, env, "load", filepath.Join(root, "testdata", "corpus"))
	guideLink := lineAfter(load.stdout, "explore: open ")
	if guideLink == "" {
		t.Fatalf("kg load printed no guide link (explore: open …):\n%s", load.stdout)
	}
	_, port, _ := net.SplitHostPort(addr)
	if got, want := decodeArg(guideLink), ":play http://localhost:"+port+"/guide.html"; got != want {
		t.Errorf("guide link %s puts %q in the editor, want %q", guideLink, got, want)
	}
	if !strings.Contains(browseOut, guideLink) {
		t.Errorf("kg browse and kg load print different guide links:\nbrowse:\n%s\nload: %s", browseOut, guideLink)
	}

	p := newPage(t, chrome, shots)

	t.Run("guide", func(t *testing.T) {
		p := p.with(t)
		p.nav(guideLink)
		p.connect()
		// The post-connect command applied kg's style (Browser keeps it in
		// localStorage), with no request to kg browse.
		if err := p.poll(`(() => { try { const g = JSON.parse(localStorage.getItem("neo4j.grass") || "null");
			return !!g && JSON.stringify(g).includes(`+jsString(personColor)+`); } catch (e) { return false } })()`, 20*time.Second); err != nil {
			p.shot("guide-no-style")
			t.Fatalf("Browser did not apply kg's style on connect (is browser.post_connect_cmd set? restart Neo4j with deploy/neo4j/neo4j restart): %v", err)
		}
		editor := p.editorText()
		if want := ":play http://"; !strings.Contains(editor, want) || !strings.Contains(editor, "/guide.html") {
			t.Fatalf("editor holds %q, want the :play command for the guide", editor)
		}
		p.markFrames()
		p.click(`[data-testid="editor-Run"]`)
		guide := p.newFrame(":play", 30*time.Second)
		p.waitCarousel(guide)
		p.shotFrame(guide, "01-guide-intro")

		all, err := queries.All()
		if err != nil {
			t.Fatal(err)
		}
		var seen []string
		for range all {
			name := p.nextSlide(guide)
			if name == "" {
				break
			}
			seen = append(seen, name)
			res := p.runSlide(guide, name)
			if name == "neighbourhood" {
				p.checkGraph(res, personColor, "")
				p.shotFrame(res.frame, "02-guide-neighbourhood")
			}
			p.closeFrames(res.paramsFrame, res.frame)
		}
		var want []string
		for _, q := range all {
			want = append(want, q.Name)
		}
		if !slices.Equal(seen, want) {
			t.Errorf("guide slides %q, want one per canned query %q", seen, want)
		}
	})

	t.Run("deep link", func(t *testing.T) {
		p := p.with(t)
		r := runKG(t, kg, env, "query", "neighbourhood", "--param", "entity="+lavrovID, "--param", "coMentions=false", "--browser")
		link := strings.TrimSpace(r.stdout)
		if !strings.Contains(link, "cmd=play") {
			t.Fatalf("with kg browse running, want a cmd=play link, got %q", link)
		}
		p.nav(link)
		guide := p.newFrame(":play", 30*time.Second)
		p.connect()
		p.waitCarousel(guide)
		if got := p.slideName(guide); got != "neighbourhood" {
			t.Fatalf("deep link slide is %q, want neighbourhood", got)
		}
		res := p.runSlide(guide, "neighbourhood")
		if !strings.Contains(res.params, lavrovID) {
			t.Errorf("parameter frame %q does not set entity to %s", res.params, lavrovID)
		}
		p.checkGraph(res, personColor, lavrovName)
		file := p.shotFrame(res.frame, "03-deep-link-neighbourhood")
		if *updateDocs {
			b, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(root, "docs", "explore.png"), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	})

	t.Run("editor link without kg browse", func(t *testing.T) {
		p := p.with(t)
		off := append(slices.Clone(env), "KG_BROWSE_ADDR="+freeAddr(t)) // nothing listens there
		r := runKG(t, kg, off, "query", "neighbourhood", "--param", "entity="+lavrovID, "--browser")
		link := strings.TrimSpace(r.stdout)
		if !strings.Contains(link, "cmd=edit") || !strings.Contains(r.stderr, "kg browse is not running") {
			t.Fatalf("without kg browse, want a cmd=edit link and a note; got %q, stderr %q", link, r.stderr)
		}
		p.nav(link)
		p.connect()
		editor := p.editorText()
		for _, want := range []string{":param", lavrovID, "MATCH (e:Entity)", "RETURN e, r, o"} {
			if !strings.Contains(editor, want) {
				t.Errorf("editor holds %q, want %q in it", editor, want)
			}
		}
		p.markFrames()
		p.click(`[data-testid="editor-Run"]`)
		f := p.newFrame(":param", 30*time.Second)
		if err := p.poll(fmt.Sprintf(`(() => { const f = document.querySelector('[data-kg-frame=%q]');
			const icons = f ? [...f.querySelectorAll('[data-testid="multi-statement-list-icon"]')] : [];
			return icons.length === 2 && icons.every(i => i.title === "Status: success"); })()`, f), 30*time.Second); err != nil {
			p.shot("editor-link-script")
			t.Fatalf("the parameters and the query did not both run: %v\n%s", err, p.frameText(f))
		}
		p.shotFrame(f, "04-editor-link-script")
	})
}

// page is a Browser tab driven by chromedp, for one (sub)test.
type page struct {
	t     *testing.T
	ctx   context.Context
	shots string
	n     *int // frame counter shared by subtests
}

func newPage(t *testing.T, chrome, shots string) page {
	profile := t.TempDir()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chrome),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1400, 1000),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx, chromedp.WithErrorf(func(format string, args ...any) {
		// chromedp's protocol tables are older than Debian's Chromium, whose
		// newer enum values it cannot decode; that is noise, not failure.
		if msg := fmt.Sprintf(format, args...); !strings.Contains(msg, "could not unmarshal event") {
			t.Logf("chromedp: %s", msg)
		}
	}))
	if err := chromedp.Run(ctx); err != nil {
		cancelTab()
		cancelAlloc()
		t.Fatalf("start Chromium %s: %v", chrome, err)
	}
	t.Cleanup(func() { cancelTab(); cancelAlloc() })
	return page{t: t, ctx: ctx, shots: shots, n: new(int)}
}

func (p page) with(t *testing.T) page { p.t = t; return p }

func (p page) run(what string, actions ...chromedp.Action) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Run(ctx, actions...); err != nil {
		p.shot("failed")
		p.t.Fatalf("%s: %v", what, err)
	}
}

func (p page) nav(u string) {
	p.t.Helper()
	p.t.Logf("open %s", u)
	p.run("open "+u, chromedp.Navigate(u))
}

func (p page) eval(js string, out any) {
	p.t.Helper()
	p.run("evaluate", chromedp.Evaluate(js, out))
}

// poll waits until the JavaScript expression js is true.
func (p page) poll(js string, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(p.ctx, timeout)
	defer cancel()
	var ok bool
	for {
		err := chromedp.Run(ctx, chromedp.Evaluate(js, &ok))
		if err == nil && ok {
			return nil
		}
		select {
		case <-ctx.Done():
			if err != nil {
				return err
			}
			return fmt.Errorf("timed out after %s waiting for %s", timeout, firstLine(js))
		case <-time.After(250 * time.Millisecond):
		}
	}
}

func (p page) click(sel string) {
	p.t.Helper()
	p.run("click "+sel, chromedp.Click(sel, chromedp.ByQuery))
}

// connect logs in with the password when Browser shows its connect form,
// and waits until Browser is connected.
func (p page) connect() {
	p.t.Helper()
	// the check mark Browser shows beside its database icon once connected
	const connected = `!!document.querySelector('[data-testid="navigationDBMS"] i.check')`
	const state = `(() => {
		if (` + connected + `) return "connected";
		if (document.querySelector('[data-testid="password"]') && document.querySelector('[data-testid="connect"]')) return "form";
		return ""; })()`
	if err := p.poll(state+` !== ""`, 60*time.Second); err != nil {
		p.shot("connect")
		p.t.Fatalf("Browser shows neither its connect form nor a connection: %v", err)
	}
	var s string
	p.eval(state, &s)
	if s == "connected" {
		return
	}
	pw := os.Getenv("NEO4J_PASSWORD")
	if pw == "" {
		pw = "kgpassword"
	}
	// Browser may redraw its form while it settles, dropping the keys or
	// the click: the form is filled again, from empty, until it connects.
	for try := 1; ; try++ {
		var user string
		p.eval(`document.querySelector('[data-testid="username"]').value`, &user)
		acts := []chromedp.Action{}
		if user == "" {
			acts = append(acts, chromedp.SendKeys(`[data-testid="username"]`, "neo4j", chromedp.ByQuery))
		}
		if try > 1 {
			// typed keys replace the selection: what an earlier try left
			var ok bool
			acts = append(acts, chromedp.Evaluate(`(() => { const e = document.querySelector('[data-testid="password"]'); e.focus(); e.select(); return true })()`, &ok))
		}
		acts = append(acts,
			chromedp.SendKeys(`[data-testid="password"]`, pw, chromedp.ByQuery),
			chromedp.Click(`[data-testid="connect"]`, chromedp.ByQuery))
		p.run("fill the connect form", acts...)
		err := p.poll(connected, 20*time.Second)
		if err == nil {
			return
		}
		var form bool
		p.eval(`!!document.querySelector('[data-testid="connect"]')`, &form)
		if try < 3 && form {
			p.t.Logf("Browser did not connect within 20 s (try %d); filling its form again", try)
			continue
		}
		var msg string
		p.eval(`(document.querySelector('[data-testid="errorBanner"]') || document.querySelector('main') || document.body).innerText.slice(0, 400)`, &msg)
		p.shot("connect")
		p.t.Fatalf("Browser did not connect after %d tries: %v; it shows: %q", try, err, msg)
	}
}

// editorText is the text of Browser's editor (Monaco draws it line by line).
func (p page) editorText() string {
	p.t.Helper()
	var s string
	if err := p.poll(`(document.querySelector('[data-testid="activeEditor"] .view-lines') || {innerText: ""}).innerText.trim() !== ""`, 20*time.Second); err != nil {
		p.t.Fatalf("editor stayed empty: %v", err)
	}
	p.eval(`document.querySelector('[data-testid="activeEditor"] .view-lines').innerText`, &s)
	return strings.ReplaceAll(s, "\u00a0", " ")
}

// markFrames marks the frames on the page, so newFrame can tell the next one.
func (p page) markFrames() {
	p.eval(`document.querySelectorAll('article[data-testid="frame"]').forEach(f => f.setAttribute("data-kg-seen", "1")); true`, new(bool))
}

// newFrame waits for an unmarked frame whose command starts with prefix,
// names it and returns the name.
func (p page) newFrame(prefix string, timeout time.Duration) string {
	p.t.Helper()
	*p.n++
	id := fmt.Sprintf("f%d", *p.n)
	js := fmt.Sprintf(`(() => {
		const norm = s => s.replace(/\s+/g, " ").trim();
		for (const f of document.querySelectorAll('article[data-testid="frame"]:not([data-kg-seen])')) {
			const c = f.querySelector('[data-testid="frameCommand"]');
			const cmd = c ? norm(c.innerText || c.value || "") : "";
			if (cmd.replace(/^\$\s*/, "").startsWith(norm(%s))) {
				f.setAttribute("data-kg-seen", "1"); f.setAttribute("data-kg-frame", %q); return true;
			}
		}
		return false; })()`, jsString(prefix), id)
	if err := p.poll(js, timeout); err != nil {
		p.shot("no-frame-" + id)
		p.t.Fatalf("no new frame for %q: %v", prefix, err)
	}
	return id
}

func (p page) frameText(id string) string {
	var s string
	p.eval(fmt.Sprintf(`(document.querySelector('[data-kg-frame=%q]') || {innerText: ""}).innerText`, id), &s)
	return s
}

func (p page) waitCarousel(frame string) {
	p.t.Helper()
	if err := p.poll(fmt.Sprintf(`!!document.querySelector('[data-kg-frame=%q] [data-query]')`, frame), 30*time.Second); err != nil {
		p.shot("no-guide")
		p.t.Fatalf("the guide did not show: %v\n%s", err, p.frameText(frame))
	}
}

// slideName is the query of the guide's current slide ("" on the intro).
func (p page) slideName(frame string) string {
	var s string
	p.eval(fmt.Sprintf(`document.querySelector('[data-kg-frame=%q] [data-query]').getAttribute("data-query")`, frame), &s)
	return s
}

// nextSlide moves the guide on and returns the new slide's query, or "" at
// the end.
func (p page) nextSlide(frame string) string {
	p.t.Helper()
	before := p.slideName(frame)
	var ok bool
	p.eval(fmt.Sprintf(`(() => { const b = document.querySelector('[data-kg-frame=%q] [data-testid="nextSlide"]');
		if (!b) return false; b.click(); return true; })()`, frame), &ok)
	if !ok {
		return ""
	}
	if err := p.poll(fmt.Sprintf(`document.querySelector('[data-kg-frame=%q] [data-query]').getAttribute("data-query") !== %s`, frame, jsString(before)), 10*time.Second); err != nil {
		p.t.Fatalf("next slide after %q did not show: %v", before, err)
	}
	return p.slideName(frame)
}

type slideResult struct {
	paramsFrame, frame string
	params             string // text of the parameter frame
	status             string // the query frame's status bar
}

// runSlide clicks ▶ on the current slide's parameter block, waits for the
// parameters, then ▶ on its query, and waits for a result without error.
func (p page) runSlide(guide, name string) slideResult {
	p.t.Helper()
	var res slideResult
	var blocks struct{ Params, Query, Note string }
	p.eval(fmt.Sprintf(`(() => { const s = document.querySelector('[data-kg-frame=%q] [data-query]');
		const t = sel => { const e = s.querySelector(sel); return e ? e.textContent.trim() : ""; };
		return {Params: t("pre.kg-params"), Query: t("pre.kg-query"), Note: s.innerText}; })()`, guide), &blocks)
	if blocks.Query == "" {
		p.t.Fatalf("slide %s has no query block", name)
	}
	play := func(sel string) {
		var ok bool
		p.eval(fmt.Sprintf(`(() => { const i = document.querySelector('[data-kg-frame=%q] [data-query] %s i.fa-play-circle-o');
			if (!i) return false; i.click(); return true; })()`, guide, sel), &ok)
		if !ok {
			var html string
			p.eval(fmt.Sprintf(`(document.querySelector('[data-kg-frame=%q]') || {outerHTML: ""}).outerHTML`, guide), &html)
			os.WriteFile(filepath.Join(p.shots, "slide-"+name+".html"), []byte(html), 0o644)
			p.shot("slide-" + name + "-no-play")
			p.t.Fatalf("slide %s: no ▶ on %s (frame saved as slide-%s.html)", name, sel, name)
		}
	}
	if blocks.Params != "" {
		p.markFrames()
		play("pre.kg-params")
		res.paramsFrame = p.newFrame(":param", 30*time.Second)
		if err := p.waitDone(res.paramsFrame); err != nil {
			p.t.Fatalf("slide %s: parameters: %v", name, err)
		}
		res.params = p.frameText(res.paramsFrame)
	}
	p.markFrames()
	play("pre.kg-query")
	res.frame = p.newFrame(firstLine(blocks.Query), 30*time.Second)
	if err := p.waitDone(res.frame); err != nil {
		p.shot("slide-" + name)
		p.t.Fatalf("slide %s: query: %v", name, err)
	}
	p.eval(fmt.Sprintf(`(() => { const f = document.querySelector('[data-kg-frame=%q]');
		const bar = f.querySelector('[data-testid="frameStatusbar"]');
		const m = (bar && bar.innerText.match(/Started streaming (\d+) records?/)) || f.innerText.match(/Displaying (\d+) nodes/);
		return m ? m[0] : (bar ? bar.innerText : ""); })()`, res.frame), &res.status)
	p.t.Logf("slide %s: %s", name, oneLine(res.status))
	if m := regexp.MustCompile(`(\d+) (records?|nodes)`).FindStringSubmatch(res.status); m == nil || m[1] == "0" {
		if !strings.Contains(blocks.Note, "returns no rows") {
			p.shotFrame(res.frame, "slide-"+name+"-empty")
			p.t.Errorf("slide %s: the query returned nothing (%q) with the slide's values, and the slide does not say so", name, res.status)
		}
	}
	return res
}

// waitDone waits until a frame has finished, and fails on an error frame.
func (p page) waitDone(id string) error {
	js := fmt.Sprintf(`(() => { const f = document.querySelector('[data-kg-frame=%q]'); if (!f) return "";
		if (f.querySelector('[data-testid="cypherFrameErrorMessage"], [data-testid="errorBanner"]')) return "error";
		const t = f.innerText;
		if (/\bERROR\b|Error:/.test(t)) return "error";
		const bar = f.querySelector('[data-testid="frameStatusbar"]');
		if (bar && /completed after|no changes, no records|Started streaming/.test(bar.innerText)) return "done";
		if (/Displaying \d+ nodes/.test(t)) return "done";
		if (f.querySelector('[data-testid="frameCommand"]') && /^\s*\$?\s*:param/.test(f.querySelector('[data-testid="frameCommand"]').innerText) && /Successfully set your parameters/.test(t)) return "done";
		return ""; })()`, id)
	if err := p.poll(js+` !== ""`, 60*time.Second); err != nil {
		return fmt.Errorf("%w\n%s", err, p.frameText(id))
	}
	var state string
	p.eval(js, &state)
	if state == "error" {
		return fmt.Errorf("Browser shows an error:\n%s", p.frameText(id))
	}
	return nil
}

// checkGraph checks that the query frame draws nodes, with kg's captions
// (names rather than ids), persons in kg's Person colour, and, when caption
// is not "", a node captioned caption.
func (p page) checkGraph(res slideResult, personColor, caption string) {
	p.t.Helper()
	if err := p.poll(fmt.Sprintf(`document.querySelectorAll('[data-kg-frame=%q] svg g.node').length > 0`, res.frame), 30*time.Second); err != nil {
		p.shot("no-graph")
		p.t.Fatalf("no graph drawn: %v\n%s", err, p.frameText(res.frame))
	}
	var g struct {
		Captions []string
		Fills    []string
	}
	p.eval(fmt.Sprintf(`(() => { const f = document.querySelector('[data-kg-frame=%q]');
		const nodes = [...f.querySelectorAll('svg g.node')];
		return {
			Captions: nodes.map(n => [...n.querySelectorAll('text')].map(t => t.textContent).join(" ").replace(/\s+/g, " ").trim()),
			Fills: nodes.map(n => { const c = n.querySelector('circle.b-outline') || n.querySelector('circle'); return c ? (c.getAttribute('fill') || '') : ''; }),
		}; })()`, res.frame), &g)
	p.t.Logf("graph: %d nodes, captions %q, fills %q", len(g.Captions), g.Captions, g.Fills)
	if caption != "" && !slices.ContainsFunc(g.Captions, func(c string) bool {
		return strings.Contains(c, caption) || strings.HasPrefix(caption, strings.TrimRight(c, "…")) && len(c) > 3
	}) {
		p.t.Errorf("no node captioned %q among %q", caption, g.Captions)
	}
	for _, c := range g.Captions {
		if regexp.MustCompile(`^\s*(person|org|place|event):`).MatchString(c) || regexp.MustCompile(`^\s*\d+\s*$`).MatchString(c) {
			p.t.Errorf("node caption %q is an id or a number: kg's captions (names) are not applied", c)
		}
	}
	if !slices.ContainsFunc(g.Fills, func(f string) bool { return strings.EqualFold(f, personColor) }) {
		p.t.Errorf("no node filled with kg's Person colour %s: fills %q", personColor, g.Fills)
	}
}

func (p page) closeFrames(ids ...string) {
	for _, id := range ids {
		if id == "" {
			continue
		}
		p.eval(fmt.Sprintf(`(() => { const b = document.querySelector('[data-kg-frame=%q] button[title="Close"]'); if (b) b.click(); return true; })()`, id), new(bool))
	}
}

// shot saves a screenshot of the page as out/screenshots/NAME.png.
func (p page) shot(name string) string {
	var buf []byte
	if err := chromedp.Run(p.ctx, chromedp.CaptureScreenshot(&buf)); err != nil {
		p.t.Logf("screenshot %s: %v", name, err)
		return ""
	}
	return p.save(name, buf)
}

// shotFrame saves a screenshot of one frame.
func (p page) shotFrame(id, name string) string {
	p.t.Helper()
	var buf []byte
	// let the force layout settle before the picture
	time.Sleep(2 * time.Second)
	p.run("screenshot "+name, chromedp.ScrollIntoView(fmt.Sprintf(`[data-kg-frame=%q]`, id), chromedp.ByQuery),
		chromedp.Screenshot(fmt.Sprintf(`[data-kg-frame=%q]`, id), &buf, chromedp.ByQuery))
	return p.save(name, buf)
}

func (p page) save(name string, png []byte) string {
	file := filepath.Join(p.shots, name+".png")
	if err := os.WriteFile(file, png, 0o644); err != nil {
		p.t.Logf("save screenshot: %v", err)
		return ""
	}
	p.t.Logf("screenshot %s", file)
	return file
}

// --- the kg binary and its environment ---------------------------------------

func repoRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's folder")
		}
		dir = parent
	}
}

// findChromium returns the Chromium to drive: $KG_CHROMIUM, else chromium
// or chromium-browser on PATH. Missing, it fails in CI and skips elsewhere.
func findChromium(t *testing.T, ci bool) string {
	t.Helper()
	if c := os.Getenv("KG_CHROMIUM"); c != "" {
		return c
	}
	for _, name := range []string{"chromium", "chromium-browser", "/usr/bin/chromium"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	msg := "Chromium not found (apt-get install -y chromium chromium-driver, or set KG_CHROMIUM): the browser test cannot run"
	if ci {
		t.Fatal(msg)
	}
	fmt.Fprintf(os.Stderr, "\n*** SKIPPING TestBrowser: %s ***\n\n", msg)
	t.Skip(msg)
	return ""
}

func buildKG(t *testing.T, root string) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "kg")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/kg")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/kg: %v\n%s", err, out)
	}
	return bin
}

func requireNeo4j(t *testing.T, kg string, env []string, ci bool) {
	t.Helper()
	cmd := exec.Command(kg, "query", "graph-overview", "--format", "json")
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	if err == nil {
		return
	}
	msg := fmt.Sprintf("Neo4j is not reachable (start it with deploy/neo4j/neo4j start): %v: %s", err, out)
	if ci || os.Getenv("KG_REQUIRE_NEO4J") != "" {
		t.Fatal(msg)
	}
	fmt.Fprintf(os.Stderr, "\n*** SKIPPING TestBrowser: %s ***\n\n", msg)
	t.Skip(msg)
}

type result struct{ stdout, stderr string }

func runKG(t *testing.T, kg string, env []string, args ...string) result {
	t.Helper()
	cmd := exec.Command(kg, args...)
	cmd.Env = env
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("kg %s: %v\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), err, out.String(), errb.String())
	}
	return result{out.String(), errb.String()}
}

// startBrowse runs kg browse until the test ends and returns what it
// printed once it serves.
func startBrowse(t *testing.T, kg string, env []string) string {
	t.Helper()
	cmd := exec.Command(kg, "browse")
	cmd.Env = env
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var printed strings.Builder
	ready := make(chan struct{})
	go func() {
		sc := bufio.NewScanner(stdout)
		once := sync.OnceFunc(func() { close(ready) })
		for sc.Scan() {
			mu.Lock()
			printed.WriteString(sc.Text() + "\n")
			mu.Unlock()
			if strings.HasPrefix(sc.Text(), "  :play ") {
				once()
			}
		}
		once()
	}()
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-done
			t.Errorf("kg browse did not stop on SIGINT within 10s")
		}
	})
	select {
	case <-ready:
	case <-time.After(60 * time.Second):
		t.Fatal("kg browse printed no link within 60s")
	}
	mu.Lock()
	defer mu.Unlock()
	if !strings.Contains(printed.String(), "serving") {
		t.Fatalf("kg browse did not start:\n%s", printed.String())
	}
	return printed.String()
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func lineAfter(text, prefix string) string {
	for _, l := range strings.Split(text, "\n") {
		if s, ok := strings.CutPrefix(strings.TrimSpace(l), prefix); ok {
			return strings.TrimSpace(s)
		}
	}
	return ""
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// decodeArg returns the arg of a Browser link as Browser reads it.
func decodeArg(link string) string {
	u, err := url.Parse(link)
	if err != nil {
		return ""
	}
	return u.Query().Get("arg")
}
