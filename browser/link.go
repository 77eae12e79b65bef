package browser

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net"
	"net/url"
	"strings"
)

// Link builds URLs that open Neo4j Browser connected to one database.
type Link struct {
	// Browser is Browser's address, such as http://127.0.0.1:7474/browser/.
	Browser string
	// URI is the Bolt URI Browser connects to, such as bolt://127.0.0.1:7687.
	URI string
	// User is filled into Browser's connect form. The password never goes
	// into a URL: Browser asks for it once and may remember it.
	User string
	// Database is the database Browser uses.
	Database string
}

// DefaultBrowser returns where Neo4j usually serves Browser for a server at
// the Bolt URI uri: the same host, port 7474 (7473 with TLS).
func DefaultBrowser(uri string) (string, error) {
	u, err := url.Parse(uri)
	if err != nil || u.Hostname() == "" {
		return "", fmt.Errorf("browser: Neo4j URI %q has no host: %w", uri, ErrLink)
	}
	if strings.HasSuffix(u.Scheme, "+s") || strings.HasSuffix(u.Scheme, "+ssc") {
		return "https://" + net.JoinHostPort(u.Hostname(), "7473") + "/browser/", nil
	}
	return "http://" + net.JoinHostPort(u.Hostname(), "7474") + "/browser/", nil
}

// Edit returns a URL that opens Browser, connects (asking for the password
// if Browser does not remember it) and puts text in the editor, ready to
// run. The server's post-connect commands (kg's style) still run. Browser
// cuts the text at '&' or '#', so text with either is refused.
func (l Link) Edit(text string) (string, error) {
	if strings.TrimSpace(text) == "" {
		return "", fmt.Errorf("browser: edit link: no text: %w", ErrLink)
	}
	return l.build("edit", text)
}

// Play returns a URL that opens Browser, connects and plays the guide at
// guideURL at once. Browser skips the server's post-connect commands on such
// a page load, so the style applies only if this browser has applied it
// before (Browser keeps it).
func (l Link) Play(guideURL string) (string, error) {
	u, err := url.Parse(guideURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("browser: play link: %q is not an http(s) URL: %w", guideURL, ErrLink)
	}
	return l.build("play", guideURL)
}

func (l Link) build(cmd, arg string) (string, error) {
	if strings.ContainsAny(arg, "&#") {
		return "", fmt.Errorf("browser: %s link: Browser cuts its argument at '&' and '#': %w", cmd, ErrLink)
	}
	base, err := url.Parse(l.Browser)
	if err != nil || (base.Scheme != "http" && base.Scheme != "https") || base.Host == "" {
		return "", fmt.Errorf("browser: Browser address %q is not an http(s) URL: %w", l.Browser, ErrLink)
	}
	dbms, err := url.Parse(l.URI)
	if err != nil || dbms.Host == "" {
		return "", fmt.Errorf("browser: Neo4j URI %q has no host: %w", l.URI, ErrLink)
	}
	conn := url.URL{Scheme: dbms.Scheme, Host: dbms.Host}
	if l.User != "" {
		conn.User = url.User(l.User)
	}
	// Browser reads cmd and arg with a regular expression after decoding the
	// whole URL once, and dbms and db with URLSearchParams; plain query
	// escaping suits both ('+' for a space, which Browser turns back).
	q := "dbms=" + url.QueryEscape(conn.String())
	if l.Database != "" {
		q += "&db=" + url.QueryEscape(l.Database)
	}
	q += "&cmd=" + cmd + "&arg=" + url.QueryEscape(arg)
	base.RawQuery = q
	base.Fragment = ""
	return base.String(), nil
}

// QueryPage returns the address of the one-slide guide that a kg browse
// server at base serves for the canned query name with the parameter values
// raw (as given on the command line; missing ones are looked up in the
// graph). The values travel base64url-encoded, so that the address has no
// '&' or '#' and can go through Browser's URL parameters.
func QueryPage(base, name string, raw map[string]string) string {
	u := strings.TrimRight(base, "/") + "/query/" + url.PathEscape(name) + ".html"
	if len(raw) > 0 {
		b, _ := json.Marshal(raw) // a map of strings always marshals, keys sorted
		u += "?p=" + base64.RawURLEncoding.EncodeToString(b)
	}
	return u
}

// decodePageParams reverses the encoding of QueryPage.
func decodePageParams(p string) (map[string]string, error) {
	if p == "" {
		return nil, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(p)
	if err != nil {
		return nil, fmt.Errorf("parameters are not base64url: %w", err)
	}
	var raw map[string]string
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, fmt.Errorf("parameters are not a JSON object of strings: %w", err)
	}
	return raw, nil
}
