package browser

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/kgraph/kg/queries"
)

// Server serves kg's style and guides to Neo4j Browser, which fetches them
// from the page it runs in: so the server answers cross-origin requests
// from Browser's origin, preflights included.
//
//	GET /kg.grass                       the style (`:style <url>`)
//	GET /guide.html                     the guide, one slide per canned query
//	GET /query/NAME.html?p=…            a one-slide guide for query NAME (see QueryPage)
//	GET /healthz                        "ok"
//	GET /                               a page saying how to use the above
type Server struct {
	// Run reads the graph to pick the guides' parameter values; nil makes
	// the guides keep the queries' defaults.
	Run QueryFunc
	// Base is the server's own address as Browser reaches it, such as
	// http://127.0.0.1:7480; the guides link to the style with it.
	Base string
	// Origins may fetch from the server cross-origin, such as
	// http://127.0.0.1:7474 (Browser's page); "*" allows any.
	Origins []string
	// Hosts, when not empty, are the only Host headers answered (for
	// example 127.0.0.1:7480 and localhost:7480), so that a web page cannot
	// reach a loopback server through a name it rebinds to 127.0.0.1.
	Hosts []string
	// Open, if set, is shown on the index page: the Browser link to the guide.
	Open string
	// Logger logs requests at debug level and failures; nil discards.
	Logger *slog.Logger
}

// Handler returns the server's HTTP handler.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /kg.grass", s.grass)
	mux.HandleFunc("GET /guide.html", s.guide)
	mux.HandleFunc("GET /query/{file}", s.queryPage)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, "ok\n")
	})
	mux.HandleFunc("GET /{$}", s.index)
	return s.guard(mux)
}

func (s *Server) log() *slog.Logger {
	if s.Logger == nil {
		return slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return s.Logger
}

// guard checks the Host header and answers CORS, preflights included:
// Browser fetches guides with Pragma and Cache-Control headers, which makes
// the fetch preflighted.
func (s *Server) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.log().Debug("browse request", "method", r.Method, "url", r.URL.String(), "origin", r.Header.Get("Origin"))
		if len(s.Hosts) > 0 && !slices.Contains(s.Hosts, strings.ToLower(r.Host)) {
			http.Error(w, "kg browse: unknown host "+r.Host, http.StatusMisdirectedRequest)
			return
		}
		h := w.Header()
		h.Set("Cache-Control", "no-store")
		origin := r.Header.Get("Origin")
		allowed := origin != "" && s.allowed(origin)
		if allowed {
			h.Set("Access-Control-Allow-Origin", origin)
			h.Add("Vary", "Origin")
		}
		if r.Method == http.MethodOptions {
			if !allowed {
				http.Error(w, "kg browse: origin not allowed: "+origin, http.StatusForbidden)
				return
			}
			h.Set("Access-Control-Allow-Methods", "GET, OPTIONS")
			if req := r.Header.Get("Access-Control-Request-Headers"); req != "" {
				h.Set("Access-Control-Allow-Headers", req)
			}
			// Chromium asks before a public or private page reaches a
			// loopback server (Private Network Access).
			if r.Header.Get("Access-Control-Request-Private-Network") == "true" {
				h.Set("Access-Control-Allow-Private-Network", "true")
			}
			h.Set("Access-Control-Max-Age", "600")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func (s *Server) allowed(origin string) bool {
	for _, o := range s.Origins {
		if o == "*" || strings.EqualFold(strings.TrimRight(o, "/"), origin) {
			return true
		}
	}
	return false
}

func (s *Server) grass(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	io.WriteString(w, Grass())
}

func (s *Server) guide(w http.ResponseWriter, r *http.Request) {
	all, err := queries.All()
	if err != nil {
		s.fail(w, http.StatusInternalServerError, err)
		return
	}
	g, err := s.Guide(r.Context(), all, nil)
	if err != nil {
		s.fail(w, http.StatusInternalServerError, err)
		return
	}
	g.Title = "kg: explore the news graph"
	g.Intro = true
	s.writeGuide(w, g)
}

func (s *Server) queryPage(w http.ResponseWriter, r *http.Request) {
	name, ok := strings.CutSuffix(r.PathValue("file"), ".html")
	if !ok {
		http.NotFound(w, r)
		return
	}
	q, err := queries.Get(name)
	if err != nil {
		s.fail(w, http.StatusNotFound, err)
		return
	}
	given, err := decodePageParams(r.URL.Query().Get("p"))
	if err != nil {
		s.fail(w, http.StatusBadRequest, fmt.Errorf("browser: query page %s: %w", name, err))
		return
	}
	g, err := s.Guide(r.Context(), []queries.Query{q}, map[string]map[string]string{name: given})
	if errors.Is(err, queries.ErrParam) {
		s.fail(w, http.StatusBadRequest, err)
		return
	}
	if err != nil {
		s.fail(w, http.StatusInternalServerError, err)
		return
	}
	g.Title = "kg: " + name
	s.writeGuide(w, g)
}

// Guide builds a guide for qs, each with the values given for it (by query
// name) and the rest picked from the graph. When the graph cannot be read
// the guide says so and keeps the defaults.
func (s *Server) Guide(ctx context.Context, qs []queries.Query, given map[string]map[string]string) (Guide, error) {
	st, err := KG()
	if err != nil {
		return Guide{}, err
	}
	g := Guide{Base: s.Base, Style: st}
	var samples Samples
	run := s.Run
	if run != nil {
		samples, err = LoadSamples(ctx, run)
		if err != nil {
			if ctx.Err() != nil {
				return Guide{}, err
			}
			s.log().Warn("kg browse: cannot read the graph; the guide keeps the default values", "err", err)
			g.Problem = err.Error()
			run = nil
		}
	}
	g.Empty = samples.Empty()
	for _, q := range qs {
		var sl Slide
		if run == nil {
			sl, err = Samples{}.Slide(ctx, nil, q, given[q.Name])
		} else {
			sl, err = samples.Slide(ctx, run, q, given[q.Name])
		}
		if err != nil {
			return Guide{}, err
		}
		g.Slides = append(g.Slides, sl)
	}
	return g, nil
}

func (s *Server) writeGuide(w http.ResponseWriter, g Guide) {
	var buf bytes.Buffer
	if err := g.WriteHTML(&buf); err != nil {
		s.fail(w, http.StatusInternalServerError, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(buf.Bytes())
}

func (s *Server) fail(w http.ResponseWriter, code int, err error) {
	if code >= 500 {
		s.log().Error("kg browse", "err", err)
	}
	http.Error(w, "kg browse: "+err.Error(), code)
}

func (s *Server) index(w http.ResponseWriter, _ *http.Request) {
	base := strings.TrimRight(s.Base, "/")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	indexTemplate.Execute(w, map[string]string{"Base": base, "Open": s.Open})
}

var indexTemplate = template.Must(template.New("index").Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>kg browse</title></head>
<body style="font-family:sans-serif;max-width:46em;margin:2em auto">
<h1>kg browse</h1>
<p>This server gives Neo4j Browser kg's guide and style.</p>
{{- if .Open}}
<p><a href="{{.Open}}">Open Neo4j Browser with the guide</a>, connect, and run the <code>:play</code> command in the editor.</p>
{{- end}}
<p>In Browser, type <code>:play {{.Base}}/guide.html</code> for the guide and <code>:style {{.Base}}/kg.grass</code> for the style.</p>
<ul>
<li><a href="{{.Base}}/guide.html">guide.html</a>: one slide per canned query, with values from the graph</li>
<li><a href="{{.Base}}/kg.grass">kg.grass</a>: colours and captions by node type</li>
</ul>
</body></html>
`))

// Origin returns the origin (scheme://host[:port]) of the page at address,
// as browsers send it in the Origin header.
func Origin(address string) (string, error) {
	u, err := url.Parse(address)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return "", fmt.Errorf("browser: %q is not an absolute URL: %w", address, ErrLink)
	}
	return strings.ToLower(u.Scheme + "://" + u.Host), nil
}

// LoopbackAliases returns hostPort and the same port on the other names of
// the loopback interface (127.0.0.1, localhost, [::1]) when hostPort is on
// loopback, else just hostPort.
func LoopbackAliases(hostPort string) []string {
	host, port, err := net.SplitHostPort(hostPort)
	if err != nil {
		return []string{strings.ToLower(hostPort)}
	}
	ip := net.ParseIP(host)
	if !strings.EqualFold(host, "localhost") && (ip == nil || !ip.IsLoopback()) {
		return []string{strings.ToLower(hostPort)}
	}
	out := []string{net.JoinHostPort("127.0.0.1", port), net.JoinHostPort("localhost", port), net.JoinHostPort("::1", port)}
	if !slices.Contains(out, strings.ToLower(hostPort)) {
		out = append(out, strings.ToLower(hostPort))
	}
	return out
}
