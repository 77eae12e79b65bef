package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"
)

// writeRows prints a query result as an aligned table, a JSON array of
// objects, or CSV with a header row.
func writeRows(w io.Writer, format string, keys []string, rows [][]any) error {
	switch format {
	case "json":
		out := make([]orderedRow, len(rows))
		for i, r := range rows {
			out[i] = orderedRow{keys: keys, vals: r}
		}
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if len(out) == 0 {
			_, err := io.WriteString(w, "[]\n")
			return err
		}
		return enc.Encode(out)
	case "csv":
		cw := csv.NewWriter(w)
		if err := cw.Write(keys); err != nil {
			return err
		}
		for _, r := range rows {
			rec := make([]string, len(r))
			for i, v := range r {
				rec[i] = cell(v)
			}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
		cw.Flush()
		return cw.Error()
	default:
		return writeTable(w, keys, rows)
	}
}

// orderedRow marshals as a JSON object keeping the query's column order.
type orderedRow struct {
	keys []string
	vals []any
}

func (o orderedRow) MarshalJSON() ([]byte, error) {
	var b strings.Builder
	b.WriteByte('{')
	for i, k := range o.keys {
		if i > 0 {
			b.WriteByte(',')
		}
		kb, _ := json.Marshal(k)
		b.Write(kb)
		b.WriteByte(':')
		vb, err := marshalNoEscape(o.vals[i])
		if err != nil {
			return nil, err
		}
		b.Write(vb)
	}
	b.WriteByte('}')
	return []byte(b.String()), nil
}

func marshalNoEscape(v any) ([]byte, error) {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return []byte(strings.TrimRight(b.String(), "\n")), nil
}

const maxCell = 80

func writeTable(w io.Writer, keys []string, rows [][]any) error {
	cells := make([][]string, len(rows))
	width := make([]int, len(keys))
	for i, k := range keys {
		width[i] = utf8.RuneCountInString(k)
	}
	for r, row := range rows {
		cells[r] = make([]string, len(row))
		for i, v := range row {
			s := cell(v)
			if utf8.RuneCountInString(s) > maxCell {
				s = string([]rune(s)[:maxCell-1]) + "…"
			}
			cells[r][i] = s
			if n := utf8.RuneCountInString(s); i < len(width) && n > width[i] {
				width[i] = n
			}
		}
	}
	line := func(vals []string) {
		var b strings.Builder
		for i, v := range vals {
			if i > 0 {
				b.WriteString(" | ")
			}
			b.WriteString(v)
			if i < len(vals)-1 {
				b.WriteString(strings.Repeat(" ", width[i]-utf8.RuneCountInString(v)))
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
	line(keys)
	sep := make([]string, len(keys))
	for i := range keys {
		sep[i] = strings.Repeat("-", width[i])
	}
	line(sep)
	for _, r := range cells {
		line(r)
	}
	fmt.Fprintf(w, "(%d rows)\n", len(rows))
	return nil
}

// cell renders one value on one line: strings as they are, everything else
// as compact JSON with map keys sorted.
func cell(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return strings.ReplaceAll(x, "\n", " ")
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = cell(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case map[string]any:
		ks := make([]string, 0, len(x))
		for k := range x {
			ks = append(ks, k)
		}
		sort.Strings(ks)
		parts := make([]string, len(ks))
		for i, k := range ks {
			parts[i] = k + ": " + cell(x[k])
		}
		return "{" + strings.Join(parts, ", ") + "}"
	default:
		b, err := marshalNoEscape(x)
		if err != nil {
			return fmt.Sprint(x)
		}
		return string(b)
	}
}
