package main

import "testing"

func TestMedian(t *testing.T) {
	for _, c := range []struct {
		xs   []float64
		want float64
	}{
		{nil, 0},
		{[]float64{0.9}, 0.9},
		{[]float64{1.2, 0.8, 1.0}, 1.0},
		{[]float64{1.1, 0.7, 0.9, 2.0}, 1.0},
	} {
		if got := median(c.xs); got != c.want {
			t.Errorf("median(%v) = %v, want %v", c.xs, got, c.want)
		}
	}
}

func TestRatio(t *testing.T) {
	kg := row{elements: 2000, seconds: 50}
	csv := row{elements: 2000, seconds: 60}
	if got := ratio(kg, csv); got != 1.2 {
		t.Errorf("ratio = %v, want 1.2 (elements per second of kg over LOAD CSV's)", got)
	}
	if got := ratio(kg, row{}); got != 0 {
		t.Errorf("ratio against an unmeasured row = %v, want 0", got)
	}
}

func TestStatements(t *testing.T) {
	script := "// header\nCREATE INDEX x;\nLOAD CSV FROM $base + 'a.csv' AS r\n  MERGE (n {id: r[0]});\n\n// trailing comment\nRETURN 1"
	got := statements(script)
	want := []string{"CREATE INDEX x", "LOAD CSV FROM $base + 'a.csv' AS r\n  MERGE (n {id: r[0]})", "RETURN 1"}
	if len(got) != len(want) {
		t.Fatalf("statements: %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("statement %d: %q, want %q", i, got[i], want[i])
		}
	}
}
