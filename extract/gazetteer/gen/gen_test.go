package main

import (
	"bytes"
	"context"
	"encoding/binary"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
)

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Aleppo", "aleppo"},
		{"Deir ez-Zor", "deir-ez-zor"},
		{"Şanlıurfa", "sanliurfa"},
		{"Côte d’Ivoire", "cote-divoire"},
		{"  Washington, D.C. ", "washington-d-c"},
		{"O'Brien", "obrien"},
		{"‘Abasān al Kabīrah", "abasan-al-kabirah"},
		{"", ""},
	}
	for _, tc := range tests {
		if got := slug(tc.in); got != tc.want {
			t.Errorf("slug(%q) = %q, want %q (% x)", tc.in, got, tc.want, tc.in)
		}
	}
}

func TestCleanName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"كادوما، أوساكا", "كادوما"},
		{"حلب (مدينة)", "حلب"},
		{"  دير  الزور ", "دير الزور"},
		{"القل\u200e\u200e", "القل"},
	}
	for _, tc := range tests {
		if got := cleanName(tc.in); got != tc.want {
			t.Errorf("cleanName(%q) = %q, want %q (% x)", tc.in, got, tc.want, tc.in)
		}
	}
}

// writeMO writes a little-endian .mo catalogue of the given pairs.
func writeMO(t *testing.T, pairs [][2]string) string {
	t.Helper()
	n := uint32(len(pairs))
	head := uint32(28)
	orig, trans := head, head+8*n
	data := trans + 8*n
	var tab, strs bytes.Buffer
	for col := range 2 {
		for _, p := range pairs {
			binary.Write(&tab, binary.LittleEndian, [2]uint32{uint32(len(p[col])), data + uint32(strs.Len())})
			strs.WriteString(p[col])
			strs.WriteByte(0)
		}
	}
	var b bytes.Buffer
	binary.Write(&b, binary.LittleEndian, [7]uint32{0x950412de, 0, n, orig, trans, 0, 0})
	b.Write(tab.Bytes())
	b.Write(strs.Bytes())
	p := filepath.Join(t.TempDir(), "x.mo")
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestReadMO(t *testing.T) {
	p := writeMO(t, [][2]string{{"", "header"}, {"SY", "سوريا"}, {"170063", "حلب"}})
	m, err := readMO(p)
	if err != nil {
		t.Fatalf("readMO: %v", err)
	}
	if len(m) != 2 || m["SY"] != "سوريا" || m["170063"] != "حلب" {
		t.Errorf("readMO = %q", m)
	}
	bad := filepath.Join(t.TempDir(), "bad.mo")
	os.WriteFile(bad, []byte("not a catalogue at all, really"), 0o644)
	if _, err := readMO(bad); err == nil {
		t.Errorf("readMO(garbage) = nil error")
	}
}

func TestJSEntry(t *testing.T) {
	tests := []struct{ line, want string }{
		{`    زينب: "Zainab",`, "زينب"},
		{`    "عبد الله": "Abdullah",`, "عبد الله"},
		{`module.exports = {`, ""},
	}
	for _, tc := range tests {
		var got string
		if m := jsEntry.FindStringSubmatch(tc.line); m != nil {
			got = m[1]
		}
		if got != tc.want {
			t.Errorf("jsEntry(%q) = %q, want %q", tc.line, got, tc.want)
		}
	}
}

// TestReproducible regenerates the lists from the installed inputs (see
// SOURCES.md) twice and checks both runs give the committed bytes. It is
// skipped when the inputs are not installed (KG_GAZ_NODE_MODULES unset or
// libgeonames-common missing).
func TestReproducible(t *testing.T) {
	nm := os.Getenv("KG_GAZ_NODE_MODULES")
	if nm == "" {
		t.Skip("KG_GAZ_NODE_MODULES not set; see SOURCES.md to regenerate")
	}
	if _, err := os.Stat("/usr/share/locale/ar/LC_MESSAGES/geonames.mo"); err != nil {
		t.Skip("libgeonames-common not installed")
	}
	var outs [2]string
	for i := range outs {
		outs[i] = t.TempDir()
		c := config{
			dir: "..", out: outs[i], geonames: "/usr/share/locale", nodeModules: nm,
			anercorp: "../../../../shared/data/anercorp/train.txt", holdout: 0.1,
			stoplist: filepath.Join(outs[i], "stoplist.tsv"), common: "gen/common_words.txt",
		}
		if _, err := os.Stat(c.anercorp); err != nil {
			// Without the corpus the committed stoplist is reused.
			b, _ := os.ReadFile("stoplist.tsv")
			os.WriteFile(c.stoplist, b, 0o644)
		}
		if err := generate(context.Background(), c, slog.New(slog.NewTextHandler(io.Discard, nil))); err != nil {
			t.Fatalf("generate: %v", err)
		}
	}
	for _, f := range []struct{ out, committed string }{
		{"places.tsv", "../data/places.tsv"},
		{"given_gen.txt", "../data/given_gen.txt"},
		{"stoplist.tsv", "stoplist.tsv"},
	} {
		a, _ := os.ReadFile(filepath.Join(outs[0], f.out))
		b, _ := os.ReadFile(filepath.Join(outs[1], f.out))
		c, _ := os.ReadFile(f.committed)
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between two runs", f.out)
		}
		if !bytes.Equal(a, c) {
			t.Errorf("%s differs from the committed %s: run go generate ./extract/gazetteer", f.out, f.committed)
		}
	}
}
