package main

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

var errFormat = errors.New("gen: bad input format")

// readMO reads a GNU gettext message catalogue into msgid → msgstr.
func readMO(path string) (map[string]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read catalogue: %w", err)
	}
	if len(b) < 28 {
		return nil, fmt.Errorf("%w: %s too short", errFormat, path)
	}
	var bo binary.ByteOrder = binary.LittleEndian
	switch bo.Uint32(b) {
	case 0x950412de:
	case 0xde120495:
		bo = binary.BigEndian
	default:
		return nil, fmt.Errorf("%w: %s is not a .mo file", errFormat, path)
	}
	n, origTab, transTab := bo.Uint32(b[8:]), bo.Uint32(b[12:]), bo.Uint32(b[16:])
	str := func(tab, i uint32) (string, error) {
		at := uint64(tab) + 8*uint64(i)
		if at+8 > uint64(len(b)) {
			return "", fmt.Errorf("%w: %s: table out of range", errFormat, path)
		}
		l, off := uint64(bo.Uint32(b[at:])), uint64(bo.Uint32(b[at+4:]))
		if off+l > uint64(len(b)) {
			return "", fmt.Errorf("%w: %s: string out of range", errFormat, path)
		}
		return string(b[off : off+l]), nil
	}
	out := make(map[string]string, n)
	for i := range n {
		k, err := str(origTab, i)
		if err != nil {
			return nil, err
		}
		v, err := str(transTab, i)
		if err != nil {
			return nil, err
		}
		if k != "" {
			out[k] = v
		}
	}
	return out, nil
}

// cldrTerritories reads main/<lang>/territories.json of cldr-localenames-full.
func cldrTerritories(nodeModules, lang string) (map[string]string, error) {
	var doc struct {
		Main map[string]struct {
			LocaleDisplayNames struct {
				Territories map[string]string `json:"territories"`
			} `json:"localeDisplayNames"`
		} `json:"main"`
	}
	p := filepath.Join(nodeModules, "cldr-localenames-full", "main", lang, "territories.json")
	if err := readJSON(p, &doc); err != nil {
		return nil, err
	}
	return doc.Main[lang].LocaleDisplayNames.Territories, nil
}

// cldrExemplarCities reads the exemplar city of every time zone from
// main/<lang>/timeZoneNames.json of cldr-dates-full: zone id → city.
func cldrExemplarCities(nodeModules, lang string) (map[string]string, error) {
	var doc struct {
		Main map[string]struct {
			Dates struct {
				TimeZoneNames struct {
					Zone map[string]json.RawMessage `json:"zone"`
				} `json:"timeZoneNames"`
			} `json:"dates"`
		} `json:"main"`
	}
	p := filepath.Join(nodeModules, "cldr-dates-full", "main", lang, "timeZoneNames.json")
	if err := readJSON(p, &doc); err != nil {
		return nil, err
	}
	out := map[string]string{}
	var walk func(prefix string, m map[string]json.RawMessage) error
	walk = func(prefix string, m map[string]json.RawMessage) error {
		for k, raw := range m {
			var node map[string]json.RawMessage
			if json.Unmarshal(raw, &node) != nil {
				continue // a string leaf such as "_type"
			}
			id := k
			if prefix != "" {
				id = prefix + "/" + k
			}
			if c, ok := node["exemplarCity"]; ok {
				var s string
				if err := json.Unmarshal(c, &s); err != nil {
					return fmt.Errorf("%w: %s: exemplarCity of %s", errFormat, p, id)
				}
				out[id] = s
			}
			if err := walk(id, node); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk("", doc.Main[lang].Dates.TimeZoneNames.Zone); err != nil {
		return nil, err
	}
	return out, nil
}

// cldrZoneTerritories maps time-zone ids to their territory code, from
// cldr-core's supplemental/windowsZones.json.
func cldrZoneTerritories(nodeModules string) (map[string]string, error) {
	var doc struct {
		Supplemental struct {
			WindowsZones struct {
				MapTimezones []struct {
					MapZone struct {
						Type      string `json:"_type"`
						Territory string `json:"_territory"`
					} `json:"mapZone"`
				} `json:"mapTimezones"`
			} `json:"windowsZones"`
		} `json:"supplemental"`
	}
	p := filepath.Join(nodeModules, "cldr-core", "supplemental", "windowsZones.json")
	if err := readJSON(p, &doc); err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, m := range doc.Supplemental.WindowsZones.MapTimezones {
		t := m.MapZone.Territory
		if len(t) != 2 || t == "ZZ" {
			continue // "001" marks a zone's default mapping
		}
		for _, z := range strings.Fields(m.MapZone.Type) {
			out[z] = t
		}
	}
	return out, nil
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("read json: %w", err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("decode %s: %w", path, err)
	}
	return nil
}

// jsEntry matches one `key: "value",` line of an object literal; the key
// may be quoted.
var jsEntry = regexp.MustCompile(`^\s*"?([^":]+?)"?\s*:\s*"[^"]*",?\s*$`)

// givenNames reads the keys of arabic-name-to-en's cases/fullnamedb.js, a
// JavaScript object literal of Arabic given name → romanization.
func givenNames(nodeModules string) ([]string, error) {
	p := filepath.Join(nodeModules, "arabic-name-to-en", "cases", "fullnamedb.js")
	f, err := os.Open(p)
	if err != nil {
		return nil, fmt.Errorf("open names: %w", err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if m := jsEntry.FindStringSubmatch(sc.Text()); m != nil {
			out = append(out, strings.TrimSpace(m[1]))
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read names: %w", err)
	}
	if len(out) < 100 {
		return nil, fmt.Errorf("%w: %s: only %d names", errFormat, p, len(out))
	}
	sort.Strings(out)
	return out, nil
}

// conllSentence is one sentence of a two-column CoNLL file.
type conllSentence struct{ tokens, tags []string }

// readCoNLL reads token/tag lines with blank lines between sentences.
func readCoNLL(path string) ([]conllSentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open corpus: %w", err)
	}
	defer f.Close()
	var out []conllSentence
	var cur conllSentence
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 2 {
			if len(cur.tokens) > 0 {
				out = append(out, cur)
				cur = conllSentence{}
			}
			continue
		}
		cur.tokens = append(cur.tokens, fields[0])
		cur.tags = append(cur.tags, fields[len(fields)-1])
	}
	if len(cur.tokens) > 0 {
		out = append(out, cur)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read corpus: %w", err)
	}
	return out, nil
}
