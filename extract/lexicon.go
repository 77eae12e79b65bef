package extract

import "strings"

// The rule lexicons are switch statements over normalized words
// (arabic.Normalize: bare alef, ة → ه, ى → ي, ئ → ي, ؤ → و, Latin lower
// case). They are compiled in, so they cost no allocation and cannot change
// at run time. Proclitics are removed by the callers (see stems).

// stopWord reports function words and frequent news words that never
// start or continue a person's name.
func stopWord(w string) bool {
	switch w {
	// prepositions, conjunctions, particles
	case "في", "من", "الي", "علي", "عن", "مع", "ان", "انه", "انها", "انهم", "لان", "بان", "كان", "كانت", "يكون",
		"تكون", "قد", "لقد", "لم", "لن", "لا", "ما", "ماذا", "لماذا", "هل", "او", "ام", "ثم", "حتي", "اذا", "اذ",
		"لو", "لكن", "لكنه", "بل", "غير", "سوي", "كل", "بعض", "جميع", "عند", "لدي", "حول", "خلال", "بين", "بعد",
		"قبل", "منذ", "عبر", "ضد", "نحو", "دون", "وفق", "وفقا", "بحسب", "حسب", "تجاه", "امام", "وراء", "فوق",
		"تحت", "عقب", "اثر", "رغم", "بشان", "شان", "حيث", "كما", "كذلك", "ايضا", "الذي", "التي", "الذين",
		"اللذين", "اللتين", "اللواتي", "هذا", "هذه", "ذلك", "تلك", "هولاء", "اوليك", "هنا", "هناك", "هو", "هي",
		"هم", "هما", "نحن", "انا", "انت", "انتم", "له", "لها", "لهم", "به", "بها", "بهم", "منه", "منها", "منهم",
		"عنه", "عنها", "عليه", "عليها", "اليه", "اليها", "فيه", "فيها", "معه", "معها", "الان", "اليوم", "امس",
		"غدا", "جدا", "فقط", "سواء", "اي", "وهو", "وهي", "ولا", "الا", "اما", "فان", "وان", "اذن",
		"يا", "مثل", "نفس", "نفسه", "عدم", "ليس", "ليست", "مازال", "لايزال", "يزال", "تزال", "زال",
		"عما", "مما", "بما", "فيما", "كيف", "اين", "متي", "عندما", "بينما", "حين", "حيال", "ازاء",
		"قرب", "لصالح", "بسبب", "سبب", "اجل", "لاجل", "بهدف", "نتيجه", "مقابل", "بدلا", "سوف", "لعل", "ربما",
		"انما", "وانما", "وسط", "داخل", "خارج", "جانب", "جانبه", "جهه", "جهته", "اثناء":
		return true
	// verbs of saying and other frequent verbs
	case "قال", "قالت", "يقول", "تقول", "اكد", "اكدت", "يوكد", "توكد", "اعلن", "اعلنت", "يعلن", "تعلن", "اوضح",
		"اوضحت", "اشار", "اشارت", "يشير", "تشير", "اضاف", "اضافت", "ذكر", "ذكرت", "صرح", "صرحت", "اعتبر",
		"اعتبرت", "راي", "رات", "يري", "تري", "نفي", "نفت", "ينفي", "تنفي", "افاد", "افادت", "لفت", "لفتت", "شدد",
		"شددت", "نقل", "نقلت", "كشف", "كشفت", "ابلغ", "حذر", "حذرت", "دعا", "دعت", "طالب", "طالبت", "اتهم",
		"اتهمت", "اعرب", "اعربت", "زعم", "يتم", "تم", "جري", "يجري", "تجري", "سيجري", "اصبح", "بات", "ظل",
		"وصل", "وصف", "قوله", "قولها", "مضيفا", "مضيفه", "مشيرا", "مشيره", "موضحا", "موضحه", "موكدا",
		"موكده", "معتبرا", "معتبره", "داعيا", "داعيه", "لافتا", "لافته", "مبينا", "مشددا", "مجدده", "مجددا",
		"متهما", "متهمه", "يعتزم", "تعتزم", "سيلتقي", "سيلتقيان", "التقي", "يلتقي", "عقد", "عقدت", "يعقد",
		"تعقد", "بحث", "يبحث", "تبحث", "اتفق", "اتفقت", "اتفقا", "اتفقتا", "ابدي", "وصلت", "يتحدث", "تحدث":
		return true
	// frequent nouns and adjectives of political news
	case "الحكومه", "حكومه", "النظام", "نظام", "المعارضه", "معارضه", "الحرب", "حرب", "الازمه", "ازمه",
		"الوضع", "وضع", "التعاون", "تعاون", "الاتفاق", "اتفاق", "الهدنه", "هدنه", "بيان", "البيان", "تصريح",
		"تصريحات", "مصادر", "مصدر", "وكاله", "وكالات", "وسايل", "اعلام", "الاعلام", "تقرير", "تقارير", "الدول",
		"دول", "الدوله", "دوله", "البلدين", "البلاد", "بلاده", "بلادها", "الجانبين", "الطرفين", "الجانب",
		"الطرف", "الامن", "امن", "السلام", "سلام", "العسكري", "العسكريه", "عسكري", "عسكريه", "السياسي",
		"السياسيه", "سياسي", "سياسيه", "الدولي", "الدوليه", "دولي", "دوليه", "المتحده", "العربيه", "العربي",
		"الاسلاميه", "الاسلامي", "الجديد", "الجديده", "السابق", "السابقه", "الحالي", "الحاليه", "العام",
		"العامه", "الخاص", "الخاصه", "الرسمي", "الرسميه", "المشترك", "المشتركه", "الكامل", "الكامله", "عمليه",
		"العمليه", "الموقف", "موقف", "القرار", "قرار", "المسلحين", "المدنيين", "الارهاب", "الارهابيه",
		"القوات", "قوات", "الجيش", "جيش", "الشعب", "شعب", "الرياسه", "الخارجيه", "الدفاع", "الداخليه",
		"المتحدث", "الناطق", "الرييس", "الوزير", "رييس", "وزير", "نايب", "السفير", "المبعوث", "الاممي",
		"مجلس", "المجلس", "لجنه", "اللجنه", "منظمه", "المنظمه", "مشروع", "الملف", "ملف", "جلسه", "الجلسه",
		"مليون", "الف", "ميات", "عشرات", "الاف", "عدد", "عده", "اكثر", "اقل", "اول", "اخر", "اخري", "الاخري",
		"الاول", "الاولي", "الثاني", "الثانيه", "اطار", "الاطار", "سياق", "السياق", "صعيد", "الصعيد",
		"الحاجه", "ضروره", "امكانيه", "محاوله", "محاولات", "الشان", "الصدد", "شخص", "الشخص", "المدينه",
		"مدينه", "المنطقه", "منطقه", "الميدان", "حلفاء", "حلفايها", "نظيره", "نظيرها",
		"المصدر", "اخبار", "متعلقه", "جميعا", "المقبل", "الماضي", "القادم", "الجاري":
		return true
	// English
	case "the", "a", "an", "of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or", "but",
		"said", "says", "told", "he", "she", "it", "they", "we", "i", "you", "his", "her", "its", "their",
		"this", "that", "these", "those", "is", "was", "were", "are", "be", "been", "has", "have", "had",
		"will", "would", "could", "should", "may", "might", "not", "no", "as", "after", "before", "during",
		"over", "under", "about", "against", "between", "into", "than", "then", "there", "here", "also",
		"who", "which", "what", "when", "where", "while", "if", "mr", "mrs", "ms", "monday", "tuesday",
		"wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april",
		"june", "july", "august", "september", "october", "november", "december":
		return true
	}
	return false
}

// nameParticle reports words inside a name that join its parts: محمد بن
// سلمان، ستيفان دي ميستورا، عبد الفتاح، أبو بكر.
func nameParticle(w string) bool {
	switch w {
	case "بن", "ابن", "بنت", "دي", "دو", "دا", "ديل", "فان", "فون", "لا", "ال", "de", "da", "di", "del",
		"van", "von", "bin", "ibn", "al", "el", "le", "la", "abu", "abd", "ابو":
		return true
	}
	return false
}

// nameStarter reports first words that always take the next word with
// them: عبد الفتاح، أبو بكر.
func nameStarter(w string) bool {
	switch w {
	case "عبد", "ابو", "ابن", "abd", "abu", "abdel", "abdul":
		return true
	}
	return false
}

// ambiguousGiven lists given names that are also common words (عادل
// "just", سعيد "happy", نور "light"); on their own they do not make a
// name — only after a title.
func ambiguousGiven(w string) bool {
	switch w {
	case "عادل", "سعيد", "نصر", "امين", "جميل", "منير", "نور", "هدي", "مني", "حسن", "كمال", "جمال", "حامد",
		"رشيد", "سامي", "سعد", "انور", "فواد", "بدر", "نبيل", "هادي", "عماد", "رضا", "صادق", "قاسم", "مراد",
		"طارق", "جواد", "ناصر", "طيب", "بن", "شي", "فكري", "مولود", "اسماء", "امل", "كريم", "محسن", "خليل",
		"جو", "سام", "بيل", "يان", "ليون", "سلمي", "ريم", "هاله", "هند", "رنا", "عيسي", "موسي", "يونس", "داود",
		"زكريا", "حمد", "فهد", "سعود", "تميم", "زايد", "علي", "عمر", "باقر", "مهدي", "جعفر", "منذر", "بسام",
		"وايل", "هشام", "زياد", "فراس", "معاذ", "انس", "اكرم", "ايمن", "ايوب", "بكر", "حمزه", "سمير", "نبيه",
		"هيثم", "غسان", "فاروق", "مازن", "نزار", "دينا", "ساره", "ليلي", "مريم", "ياسمين", "لينا",
		"may", "will", "mark", "bill", "rose", "grant", "frank", "pat", "don", "ban", "jo", "sam", "rex":
		return true
	}
	return false
}

// complementizer reports words that open a reported clause (قال إن …):
// entities on either side belong to different clauses.
func complementizer(w string) bool {
	switch w {
	case "ان", "انه", "انها", "بان", "بانه", "وان", "وانه", "انهم", "that":
		return true
	}
	return false
}

// locPrep reports words after which a place is where something happened
// (في حلب، قرب إدلب، شمال سورية) rather than an actor.
func locPrep(w string) bool {
	switch w {
	case "في", "قرب", "بالقرب", "شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي", "وسط",
		"داخل", "مشارف", "اطراف", "محيط", "ريف", "مدينه", "بلده", "فوق", "بمدينه", "ببلده", "بريف", "الي",
		"in", "near", "at", "over", "inside", "outside":
		return true
	}
	return false
}

// topicWord reports words that open what talks or a meeting are about.
func topicWord(w string) bool {
	switch w {
	case "لبحث", "لمناقشه", "لدراسه", "حول", "بشان", "بخصوص", "وبحث", "ومناقشه",
		"about", "regarding", "concerning", "discuss":
		return true
	}
	return false
}

// relativePlace reports locative words that place something relative to
// a place (بريف إدلب, شمال سوريا, قرب حلب) rather than in it.
func relativePlace(w string) bool {
	switch w {
	case "قرب", "بالقرب", "شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي",
		"مشارف", "اطراف", "محيط", "ريف", "بريف", "near", "outside":
		return true
	}
	return false
}

// titleHead classifies the first word of a title before a name. definite
// is set for forms with the article (الرئيس), which may also follow a
// name (جون كيربي المتحدث باسم …).
func titleHead(w string) (ok, definite bool) {
	switch w {
	case "الرييس", "الرييسه", "الوزير", "الوزيره", "المتحدث", "المتحدثه", "الناطق", "الناطقه", "السفير",
		"السفيره", "المبعوث", "المبعوثه", "المندوب", "المندوبه", "الممثل", "الممثله", "المستشار",
		"المستشاره", "الملك", "الامير", "العاهل", "الزعيم", "القايد", "المرشد", "المدير", "المديره",
		"الجنرال", "اللواء", "العميد", "العقيد", "الفريق", "الاميرال", "السيناتور", "السناتور",
		"الامين", "المفوض", "المفوضه", "الموفد", "الدبلوماسي", "المسوول", "المسووله", "الشيخ", "المنسق":
		return true, true
	case "رييس", "رييسه", "وزير", "وزيره", "وزيري", "نايب", "متحدث", "ناطق", "سفير", "مبعوث", "مندوب",
		"مندوبه", "ممثل", "مستشار", "مساعد", "ولي", "زعيم", "قايد", "مدير", "امين", "موفد", "منسق", "مسوول",
		"نظيره", "نظيرها", "نظيرهم", "نظيريه", "نظيرته":
		return true, false
	}
	return false, false
}

// counterpart reports نظيره and its forms: "his counterpart" introduces a
// name but its title is the other person's.
func counterpart(w string) bool { return strings.HasPrefix(w, "نظير") }

// spokesHead reports the titles that make a SPOKESPERSON_FOR relation.
func spokesHead(w string) bool {
	switch w {
	case "المتحدث", "المتحدثه", "الناطق", "الناطقه", "متحدث", "ناطق", "spokesman", "spokeswoman",
		"spokesperson":
		return true
	}
	return false
}

// titleBody reports words that continue a title after its head: وزير
// الخارجية، رئيس هيئة الأركان العامة، المبعوث الخاص، الناطق الصحفي.
func titleBody(w string) bool {
	switch w {
	case "الخارجيه", "الدفاع", "الداخليه", "العدل", "الماليه", "الاعلام", "الطاقه", "الاقتصاد", "التجاره",
		"الصحه", "التعليم", "النفط", "الزراعه", "الوزراء", "الحكومه", "الجمهوريه", "البرلمان", "الدوله",
		"هييه", "الاركان", "اركان", "العامه", "العام", "المشتركه", "العهد", "ولي", "وزير", "وزيره", "الخاص",
		"الخاصه", "الدايم", "الدايمه", "الصحفي", "الصحافي", "الرسمي", "الرسميه",
		"الاعلامي", "الدولي", "الدوليه", "الاعلي", "الاستخبارات", "المخابرات", "الامن", "القومي", "الوطني",
		"الجيش", "العسكري", "العسكريه", "السابق", "السابقه", "الجديد", "الجديده", "الحالي", "المنتخب",
		"الاسبق", "المكلف", "بالوكاله", "الاول", "مجلس", "الشيوخ", "النواب", "الشعب", "الامه", "لجنه",
		"العلاقات", "الشوون", "شوون", "للشوون", "الانسانيه", "السياسيه", "والمغتربين", "المغتربين":
		return true
	}
	return false
}

// englishTitle reports English title words before a name (Secretary of
// State John Kerry, Russian Foreign Minister Sergei Lavrov).
func englishTitle(w string) bool {
	switch w {
	case "president", "minister", "secretary", "spokesman", "spokeswoman", "spokesperson", "ambassador",
		"envoy", "general", "gen", "senator", "sen", "king", "prince", "chancellor", "premier", "deputy",
		"adviser", "advisor", "director", "chief", "colonel", "col", "admiral", "representative", "leader",
		"commander", "mr", "mrs", "ms", "dr":
		return true
	}
	return false
}

// englishTitleBody reports words inside an English title: Foreign
// Minister, Secretary of State, Defense Secretary, Press Secretary.
func englishTitleBody(w string) bool {
	switch w {
	case "foreign", "defense", "defence", "state", "of", "general", "special", "deputy", "prime", "vice",
		"press", "white", "house", "department", "ministry", "permanent", "un", "u.n.", "secretary",
		"minister", "affairs", "the", "national", "security", "joint", "chiefs", "staff", "former", "new":
		return true
	}
	return false
}
