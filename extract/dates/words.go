package dates

import "strings"

// The word lists are switch statements over normalized forms
// (arabic.Normalize: no hamza on alef, ة → ه, ى → ي, Latin lower case), so
// they are compiled in and cannot change at run time.

// month returns the month a single-token name stands for. ambiguous is set
// for names that are also common words (آب "father", مارس "practised",
// "may", "march") and for abbreviations: they count as months only next to
// a day, a year or another month name.
func month(w string) (m int, ambiguous bool) {
	switch w {
	case "يناير", "جانفي", "january":
		return 1, false
	case "فبراير", "فيفري", "شباط", "february":
		return 2, false
	case "اذار", "march":
		return 3, w == "march"
	case "مارس":
		return 3, true
	case "ابريل", "افريل", "نيسان", "april":
		return 4, false
	case "مايو", "ايار", "مايس":
		return 5, false
	case "ماي", "may":
		return 5, true
	case "يونيو", "يونيه", "جوان", "حزيران", "june":
		return 6, false
	case "يوليو", "يوليه", "جويليه", "تموز", "july":
		return 7, false
	case "اغسطس", "اغسطوس", "غشت", "august":
		return 8, false
	case "اب", "اوت":
		return 8, true
	case "سبتمبر", "ايلول", "شتنبر", "september":
		return 9, false
	case "اكتوبر", "october":
		return 10, false
	case "نوفمبر", "نونبر", "november":
		return 11, false
	case "ديسمبر", "دجنبر", "december":
		return 12, false
	case "jan":
		return 1, true
	case "feb":
		return 2, true
	case "mar":
		return 3, true
	case "apr":
		return 4, true
	case "jun":
		return 6, true
	case "jul":
		return 7, true
	case "aug":
		return 8, true
	case "sep", "sept":
		return 9, true
	case "oct":
		return 10, true
	case "nov":
		return 11, true
	case "dec":
		return 12, true
	}
	return 0, false
}

// month2 returns the month named by the two-token Levantine names كانون
// الثاني (January), تشرين الأول (October), تشرين الثاني (November), كانون
// الأول (December), also written without the article.
func month2(a, b string) int {
	switch a {
	case "كانون":
		switch b {
		case "الثاني", "ثاني":
			return 1
		case "الاول", "اول":
			return 12
		}
	case "تشرين":
		switch b {
		case "الاول", "اول":
			return 10
		case "الثاني", "ثاني":
			return 11
		}
	}
	return 0
}

// weekday returns the day of the week a name stands for (0 Sunday … 6
// Saturday), and ok.
func weekday(w string) (int, bool) {
	// Monday's attack: the possessive belongs to the day.
	w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
	switch w {
	case "الاحد", "احد", "sunday":
		return 0, true
	case "الاثنين", "اثنين", "monday":
		return 1, true
	case "الثلاثاء", "ثلاثاء", "tuesday":
		return 2, true
	case "الاربعاء", "اربعاء", "wednesday":
		return 3, true
	case "الخميس", "خميس", "thursday":
		return 4, true
	case "الجمعه", "جمعه", "friday":
		return 5, true
	case "السبت", "سبت", "saturday":
		return 6, true
	}
	return 0, false
}

// dayPart reports words that come before a weekday name and make it a
// date: يوم الأحد، فجر الجمعة، on Monday.
func dayPart(w string) bool {
	switch w {
	case "يوم", "ويوم", "فجر", "صباح", "مساء", "ليل", "ليله", "ظهر", "عصر", "on", "last", "next", "this",
		"early", "late":
		return true
	}
	return false
}

// direction classifies the words after a weekday, month or unit: -1 for
// "last", +1 for "next", 0 for "this/current"; ok is false otherwise.
func direction(w string) (dir int, ok bool) {
	switch w {
	case "الماضي", "الماضيه", "المنصرم", "المنصرمه", "الفايت", "last":
		return -1, true
	case "المقبل", "المقبله", "القادم", "القادمه", "next":
		return 1, true
	case "الجاري", "الحالي", "الجاريه", "الحاليه", "this":
		return 0, true
	}
	return 0, false
}

// unit returns the calendar unit a word names: 'w' week, 'm' month, 'y' year.
func unit(w string) byte {
	switch w {
	case "الاسبوع", "اسبوع", "week":
		return 'w'
	case "الشهر", "شهر", "month":
		return 'm'
	case "العام", "عام", "السنه", "سنه", "year":
		return 'y'
	}
	return 0
}

// ordinal returns the day of the month an ordinal word names (التاسع = 9th),
// and for the words that start a compound (الحادي عشر، الحادي والعشرين)
// the value of the first word; tens returns the value of a tens word.
func ordinal(w string) int {
	switch w {
	case "الاول", "first", "1st":
		return 1
	case "الثاني", "second", "2nd":
		return 2
	case "الثالث", "third", "3rd":
		return 3
	case "الرابع", "fourth", "4th":
		return 4
	case "الخامس", "fifth", "5th":
		return 5
	case "السادس", "sixth", "6th":
		return 6
	case "السابع", "seventh", "7th":
		return 7
	case "الثامن", "eighth", "8th":
		return 8
	case "التاسع", "ninth", "9th":
		return 9
	case "العاشر", "tenth", "10th":
		return 10
	case "الحادي":
		return 1
	case "العشرين":
		return 20
	case "الثلاثين":
		return 30
	}
	return 0
}

func tens(w string) int {
	switch w {
	case "عشر":
		return 10
	case "والعشرين", "العشرين":
		return 20
	case "والثلاثين", "الثلاثين":
		return 30
	}
	return 0
}

// yearWord reports words that introduce a year: عام 2015، سنة 2015, in 2015.
func yearWord(w string) bool {
	switch w {
	case "عام", "العام", "لعام", "بعام", "سنه", "السنه", "لسنه", "عامي", "in", "since", "of":
		return true
	}
	return false
}

// fillers are words that may sit between a day and its month (التاسع من
// أيلول) or before a month (منتصف أيلول, شهر آب).
func filler(w string) bool {
	switch w {
	case "من", "of", "شهر", "لشهر", "بشهر", "منتصف", "مطلع", "اواخر", "اوايل", "بدايه", "نهايه", "اواسط":
		return true
	}
	return false
}
