// Package dates finds calendar dates in tokenized Arabic and English news
// text — datelines, day-month-year dates with Gregorian, Levantine and
// Maghrebi month names (including paired forms such as أيلول/سبتمبر), and
// relative expressions (أمس، الأحد الماضي، الأسبوع المقبل, yesterday, on
// Monday) — and resolves them against the date of the article.
//
// Dates carry their precision: a day, a month or a year. An expression that
// covers a range (last week) is reported at the finest precision that holds
// the whole range, so no precision is invented.
package dates

import (
	"strconv"
	"strings"
	"time"
)

// Date is a calendar date known to the day, the month or the year: Day (and
// Month) are zero when not known. The zero Date means no date.
type Date struct {
	Year, Month, Day int
}

// IsZero reports whether d is no date.
func (d Date) IsZero() bool { return d.Year == 0 }

// HasDay reports whether d is known to the day.
func (d Date) HasDay() bool { return d.Year != 0 && d.Month != 0 && d.Day != 0 }

// String formats d in ISO 8601 at its precision: "2016-08-30", "2016-08"
// or "2016"; the zero Date is "".
func (d Date) String() string {
	if d.Year == 0 {
		return ""
	}
	b := make([]byte, 0, 10)
	b = pad(b, d.Year, 4)
	if d.Month != 0 {
		b = pad(append(b, '-'), d.Month, 2)
		if d.Day != 0 {
			b = pad(append(b, '-'), d.Day, 2)
		}
	}
	return string(b)
}

// pad appends n with leading zeros to width digits.
func pad(b []byte, n, width int) []byte {
	s := strconv.Itoa(n)
	for i := len(s); i < width; i++ {
		b = append(b, '0')
	}
	return append(b, s...)
}

// Parse reads an ISO 8601 date at any precision ("2016", "2016-08",
// "2016-08-30") and also accepts a time after the day ("2016-08-30T10:00:00Z",
// "2016-08-30 10:00"), which it drops. It reports false for anything else
// and for impossible dates.
func Parse(s string) (Date, bool) {
	s = strings.TrimSpace(s)
	if len(s) > 10 && (s[10] == 'T' || s[10] == ' ' || s[10] == 't') {
		s = s[:10]
	}
	parts := strings.Split(s, "-")
	if len(parts) > 3 || len(parts[0]) != 4 {
		return Date{}, false
	}
	var n [3]int
	for i, p := range parts {
		if i > 0 && len(p) != 2 {
			return Date{}, false
		}
		v, err := strconv.Atoi(p)
		if err != nil || v < 0 {
			return Date{}, false
		}
		n[i] = v
	}
	d := Date{n[0], n[1], n[2]}
	if len(parts) >= 2 && d.Month == 0 || len(parts) == 3 && d.Day == 0 || !d.valid() {
		return Date{}, false
	}
	return d, true
}

// valid reports whether d names a real day, month or year.
func (d Date) valid() bool {
	if d.Year < 1 || d.Year > 9999 || d.Month < 0 || d.Month > 12 || d.Day < 0 || d.Day > 31 {
		return false
	}
	if d.Month == 0 {
		return d.Day == 0
	}
	if d.Day == 0 {
		return true
	}
	t := d.time()
	return t.Day() == d.Day && int(t.Month()) == d.Month
}

func (d Date) time() time.Time {
	return time.Date(d.Year, time.Month(d.Month), d.Day, 12, 0, 0, 0, time.UTC)
}

func fromTime(t time.Time) Date { return Date{t.Year(), int(t.Month()), t.Day()} }

// addDays moves a day-precision date by n days.
func (d Date) addDays(n int) Date { return fromTime(d.time().AddDate(0, 0, n)) }

// weekday of a day-precision date.
func (d Date) weekday() time.Weekday { return d.time().Weekday() }

// cover returns the finest-precision date holding every day from a to b.
func cover(a, b Date) Date {
	switch {
	case a == b:
		return a
	case a.Year == b.Year && a.Month == b.Month:
		return Date{Year: a.Year, Month: a.Month}
	case a.Year == b.Year:
		return Date{Year: a.Year}
	}
	return Date{}
}

// Before reports whether d starts before e (coarser dates start on their
// first day).
func (d Date) Before(e Date) bool {
	if d.Year != e.Year {
		return d.Year < e.Year
	}
	if d.Month != e.Month {
		return d.Month < e.Month
	}
	return d.Day < e.Day
}
