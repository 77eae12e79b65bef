package dates

import (
	"strconv"
	"strings"
	"time"
)

// Span is one date expression: the tokens [Start, End) of the slice given
// to Find and the date they name.
type Span struct {
	Start, End int
	Date       Date
	// Relative is set when the date was worked out from the anchor: a
	// relative expression (أمس، الأسبوع الماضي) or a day and month without
	// a year.
	Relative bool
	// Next is set for a day name said without "last" or "next" (يوم
	// الاثنين, on Monday): Date is the latest such day up to the anchor,
	// as news reports the past, and Next the first from the anchor on, for
	// what is announced ahead (a truce that starts on Monday).
	Next Date
}

// Find returns the date expressions in norm, a sentence's normalized token
// texts (arabic.Normalize; punctuation tokens included), left to right and
// without overlap. anchor, the article's date, resolves relative
// expressions and dates written without a year; when it is zero (or too
// coarse for an expression) such expressions are left out.
func Find(norm []string, anchor Date) []Span { return find(norm, anchor, false) }

// FindAll is Find that also returns the expressions it cannot resolve, with
// a zero Date: يوم الأربعاء without an anchor is still a date expression,
// and its words are no name.
func FindAll(norm []string, anchor Date) []Span { return find(norm, anchor, true) }

func find(norm []string, anchor Date, all bool) []Span {
	var out []Span
	for i := 0; i < len(norm); {
		s, ok := match(norm, i, anchor)
		if !ok || s.End <= i {
			i++
			continue
		}
		if s.Date.valid() && !s.Date.IsZero() {
			out = append(out, s)
		} else if all {
			s.Date, s.Next = Date{}, Date{}
			out = append(out, s)
		}
		i = s.End
	}
	return out
}

// match tries every pattern at token i. A returned span with a zero or
// invalid date still consumes its tokens, so that its parts are not read
// again as other dates.
func match(w []string, i int, anchor Date) (Span, bool) {
	if s, ok := numeric(w, i); ok {
		return s, true
	}
	if s, ok := absolute(w, i, anchor); ok {
		return s, true
	}
	if s, ok := yearOnly(w, i); ok {
		return s, true
	}
	return relative(w, i, anchor)
}

// isLatin reports an ASCII word.
func isLatin(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return s != ""
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return n
}

func at(w []string, i int) string {
	if i >= 0 && i < len(w) {
		return w[i]
	}
	return ""
}

// year reads a four-digit year from 1000 to 2999.
func year(s string) int {
	if len(s) != 4 || !isDigits(s) {
		return 0
	}
	if y := atoi(s); y >= 1000 && y <= 2999 {
		return y
	}
	return 0
}

// numeric reads 30/08/2016, 2016/08/30, 30.08.2016 (one token) and
// 2016-08-30 (five tokens).
func numeric(w []string, i int) (Span, bool) {
	t := w[i]
	if y := year(t); y != 0 && at(w, i+1) == "-" && at(w, i+3) == "-" {
		m, d := at(w, i+2), at(w, i+4)
		if len(m) == 2 && len(d) == 2 && isDigits(m) && isDigits(d) {
			return Span{Start: i, End: i + 5, Date: Date{y, atoi(m), atoi(d)}}, true
		}
	}
	if len(t) < 8 || t[0] < '0' || t[0] > '9' {
		return Span{}, false
	}
	parts := strings.FieldsFunc(t, func(r rune) bool { return r == '/' || r == '.' })
	if len(parts) != 3 {
		return Span{}, false
	}
	for _, p := range parts {
		if !isDigits(p) {
			return Span{}, false
		}
	}
	var d Date
	switch {
	case year(parts[0]) != 0:
		d = Date{year(parts[0]), atoi(parts[1]), atoi(parts[2])}
	case year(parts[2]) != 0:
		d = Date{year(parts[2]), atoi(parts[1]), atoi(parts[0])}
		if d.Month > 12 && d.Day <= 12 { // 08/30/2016
			d.Month, d.Day = d.Day, d.Month
		}
	default:
		return Span{}, false
	}
	return Span{Start: i, End: i + 1, Date: d}, true
}

// monthGroup reads a month name at i — one token, a two-token Levantine
// name, and an optional second name after / or - or in brackets (أيلول/
// سبتمبر) — and returns the month, the end, and whether the name is
// unambiguous.
func monthGroup(w []string, i int) (m, end int, sure bool) {
	one := func(j int) (int, int, bool) {
		if m := month2(at(w, j), at(w, j+1)); m != 0 {
			return m, j + 2, true
		}
		m, amb := month(at(w, j))
		if m == 0 {
			return 0, j, false
		}
		if amb && len(at(w, j)) <= 4 && at(w, j+1) == "." { // Aug.
			return m, j + 2, false
		}
		return m, j + 1, !amb
	}
	m, end, sure = one(i)
	if m == 0 {
		return 0, i, false
	}
	switch at(w, end) {
	case "/", "-", "–", "(", "،", ",":
		if m2, e2, _ := one(end + 1); m2 != 0 {
			sure = true
			end = e2
			if at(w, end) == ")" && at(w, i+1) != "" {
				end++
			}
		}
	}
	return m, end, sure
}

// absolute reads day-month-year dates in their Arabic and English orders:
// 30 اغسطس 2016، 24 آب/أغسطس الجاري، التاسع من أيلول، نيسان/ابريل 2014،
// منتصف سبتمبر المقبل, August 30, 2016, 30 August 2016.
func absolute(w []string, i int, anchor Date) (Span, bool) {
	j := i
	day := 0
	if t := w[j]; isDigits(t) && len(t) <= 2 {
		day = atoi(t)
		j++
		switch at(w, j) {
		case "th", "st", "nd", "rd":
			j++
		}
	} else if v := ordinal(t); v > 0 {
		j++
		if v < 10 {
			if t := tens(at(w, j)); t > 0 {
				v += t
				j++
			} else if w[i] == "الحادي" {
				return Span{}, false
			}
		}
		day = v
		if day > 31 {
			return Span{}, false
		}
		// An ordinal is a day only before من + month: التاسع من أيلول.
		if at(w, j) != "من" && at(w, j) != "of" {
			return Span{}, false
		}
	}
	ctx := false // a filler word such as شهر makes an ambiguous month sure
	for filler(at(w, j)) {
		ctx = ctx || at(w, j) == "شهر" || at(w, j) == "لشهر" || at(w, j) == "بشهر"
		j++
	}
	m, k, sure := monthGroup(w, j)
	if m == 0 {
		return Span{}, false
	}
	if day < 1 || day > 31 {
		day = 0
		// Month first: August 30, 2016.
		if t := at(w, k); isDigits(t) && len(t) <= 2 && atoi(t) >= 1 && atoi(t) <= 31 {
			day = atoi(t)
			k++
			if at(w, k) == "," || at(w, k) == "،" {
				if year(at(w, k+1)) != 0 {
					k++
				}
			}
		}
	}
	y := 0
	if yearWord(at(w, k)) && year(at(w, k+1)) != 0 {
		y = year(at(w, k+1))
		k += 2
	} else if year(at(w, k)) != 0 {
		y = year(at(w, k))
		k++
	}
	if y != 0 && at(w, k) == "م" { // 2016م
		k++
	}
	dir, hasDir := 0, false
	if y == 0 {
		dir, hasDir = direction(at(w, k))
		if hasDir {
			k++
		}
	}
	if !sure && day == 0 && y == 0 && !hasDir && !ctx {
		return Span{}, false
	}
	// Without a filler or a year, a bare start (no day) must begin at the
	// month itself, not at a stray filler word.
	s := Span{Start: i, End: k}
	if y != 0 {
		s.Date = Date{y, m, day}
		return s, true
	}
	if anchor.IsZero() || anchor.Month == 0 {
		return s, true // consumed, but no year to give it
	}
	s.Relative = true
	y = anchor.Year
	switch {
	case hasDir && dir < 0:
		if m >= anchor.Month {
			y--
		}
	case hasDir && dir > 0:
		if m <= anchor.Month {
			y++
		}
	case !hasDir:
		// A month well after the article's is last year's.
		if m > anchor.Month+2 {
			y--
		}
	}
	s.Date = Date{y, m, day}
	return s, true
}

// yearOnly reads عام 2015, in 2015; a range (عامي 2014 - 2015) is consumed
// without a date.
func yearOnly(w []string, i int) (Span, bool) {
	if !yearWord(w[i]) {
		return Span{}, false
	}
	y := year(at(w, i+1))
	if y == 0 {
		return Span{}, false
	}
	s := Span{Start: i, End: i + 2, Date: Date{Year: y}}
	if sep := at(w, i+2); (sep == "-" || sep == "–" || sep == "و" || sep == "/" || sep == "to" || sep == "and") && year(at(w, i+3)) != 0 {
		s.End = i + 4
		s.Date = Date{}
	} else if y2 := year(strings.TrimPrefix(at(w, i+2), "و")); y2 != 0 && w[i] == "عامي" {
		s.End = i + 3
		s.Date = Date{}
	}
	return s, true
}

// relative reads أمس، اليوم، غداً، يوم الأربعاء، الأحد الماضي، الأسبوع
// المقبل، هذا العام, yesterday, on Monday, last week.
func relative(w []string, i int, anchor Date) (Span, bool) {
	t := w[i]
	day := anchor.HasDay()
	switch t {
	case "امس", "الامس", "بالامس", "وامس", "والامس", "البارحه", "yesterday":
		s := Span{Start: i, End: i + 1, Relative: true}
		n := -1
		if at(w, i+1) == "الاول" {
			n, s.End = -2, i+2
		}
		if _, ok := weekday(at(w, s.End)); ok { // أمس الإثنين
			s.End++
		}
		if day {
			s.Date = anchor.addDays(n)
		}
		return s, true
	case "اول":
		if at(w, i+1) == "امس" {
			s := Span{Start: i, End: i + 2, Relative: true}
			if day {
				s.Date = anchor.addDays(-2)
			}
			return s, true
		}
	case "اليوم", "واليوم", "today":
		next := at(w, i+1)
		if next == "التالي" || ordinal(next) > 0 || next == "الذي" || next == "نفسه" {
			return Span{}, false
		}
		s := Span{Start: i, End: i + 1, Relative: true}
		if _, ok := weekday(next); ok { // اليوم الأربعاء
			s.End++
		}
		if day {
			s.Date = anchor
		}
		return s, true
	case "غدا", "وغدا", "tomorrow":
		s := Span{Start: i, End: i + 1, Relative: true}
		if day {
			s.Date = anchor.addDays(1)
		}
		return s, true
	case "هذا", "هذه", "this", "last", "next":
		if u := unit(at(w, i+1)); u != 0 {
			dir := 0
			if t == "last" {
				dir = -1
			} else if t == "next" {
				dir = 1
			}
			return unitSpan(i, i+2, u, dir, anchor), true
		}
	}
	if u := unit(t); u != 0 {
		if dir, ok := direction(at(w, i+1)); ok {
			return unitSpan(i, i+2, u, dir, anchor), true
		}
		return Span{}, false
	}
	// Weekdays: يوم الأربعاء، فجر الجمعة الماضي، الاثنين المقبل, on Monday.
	start := i
	wd, ok := weekday(t)
	if !ok && dayPart(t) {
		wd, ok = weekday(at(w, i+1))
		if !ok {
			return Span{}, false
		}
		i++
	} else if !ok {
		return Span{}, false
	}
	end := i + 1
	dir, hasDir := direction(at(w, end))
	if hasDir {
		end++
	} else if start == i && !isLatin(t) {
		return Span{}, false // a bare day name: الاثنين is also "the two"
	}
	if start < i {
		switch w[start] {
		case "last":
			dir, hasDir = -1, true
		case "next":
			dir, hasDir = 1, true
		}
	}
	s := Span{Start: start, End: end, Relative: true}
	if !day {
		return s, true
	}
	diff := wd - int(anchor.weekday())
	switch {
	case hasDir && dir > 0:
		if diff <= 0 {
			diff += 7
		}
	case hasDir && dir < 0:
		if diff >= 0 {
			diff -= 7
		}
	default: // news reports the past: the latest such day up to today
		ahead := diff
		if ahead < 0 {
			ahead += 7
		}
		s.Next = anchor.addDays(ahead)
		if diff > 0 {
			diff -= 7
		}
	}
	s.Date = anchor.addDays(diff)
	return s, true
}

// unitSpan resolves "this/last/next week, month or year".
func unitSpan(start, end int, u byte, dir int, anchor Date) Span {
	s := Span{Start: start, End: end, Relative: true}
	switch u {
	case 'w':
		if !anchor.HasDay() {
			return s
		}
		// Weeks run Monday to Sunday.
		monday := anchor.addDays(-((int(anchor.weekday()) + 6) % 7))
		from := monday.addDays(7 * dir)
		s.Date = cover(from, from.addDays(6))
	case 'm':
		if anchor.Month == 0 {
			return s
		}
		t := time.Date(anchor.Year, time.Month(anchor.Month)+time.Month(dir), 1, 12, 0, 0, 0, time.UTC)
		s.Date = Date{Year: t.Year(), Month: int(t.Month())}
	case 'y':
		if anchor.Year != 0 {
			s.Date = Date{Year: anchor.Year + dir}
		}
	}
	return s
}
