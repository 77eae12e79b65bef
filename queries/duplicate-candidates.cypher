// name: duplicate-candidates
// description: Likely duplicate entities to audit: same type, sharing a name token after light Arabic folding, flagged when one folded name contains the other; pairs linked by RENAMED_TO are left out
// param: type string "" — only this entity type (Person, Organization, Place, Event; any case); empty for all
// param: minTokenLength int 3 — ignore tokens shorter than this many characters
// param: maxGroup int 25 — ignore tokens shared by more entities than this (too common to mean anything)
// param: limit int 50 — maximum number of pairs returned
MATCH (e:Entity)
WHERE $type = '' OR any(l IN labels(e) WHERE l <> 'Entity' AND toLower(l) = toLower($type))
// Fold case, hamza forms of alef, ta marbuta, alef maqsura and tatweel, as extract/arabic does.
WITH e,
     [l IN labels(e) WHERE l <> 'Entity'][0] AS type,
     [s IN [e.name] + coalesce(e.aliases, []) |
       reduce(x = toLower(s), f IN [['أ', 'ا'], ['إ', 'ا'], ['آ', 'ا'], ['ة', 'ه'], ['ى', 'ي'], ['ـ', '']] |
         replace(x, f[0], f[1]))] AS spellings
UNWIND spellings AS spelling
UNWIND split(spelling, ' ') AS word
// Strip the article and a clitic before it: والأسد, بالأسد, للأسد and الأسد all give اسد.
WITH e, type, spellings[0] AS folded,
     CASE
       WHEN size(word) > 5 AND any(p IN ['وال', 'بال', 'فال', 'كال'] WHERE word STARTS WITH p) THEN substring(word, 3)
       WHEN size(word) > 4 AND (word STARTS WITH 'ال' OR word STARTS WITH 'لل') THEN substring(word, 2)
       ELSE word
     END AS token
WHERE size(token) >= $minTokenLength
WITH type, token, collect(DISTINCT {entity: e, folded: folded}) AS group
WHERE 1 < size(group) <= $maxGroup
UNWIND group AS x
UNWIND group AS y
WITH type, token, x.entity AS a, x.folded AS af, y.entity AS b, y.folded AS bf
WHERE a.id < b.id AND NOT EXISTS { (a)-[:RENAMED_TO]-(b) }
WITH type, a, af, b, bf, token
ORDER BY token
WITH type, a, af, b, bf, collect(token) AS shared
RETURN type,
       a.id AS id,
       a.name AS name,
       a.articleCount AS articles,
       b.id AS otherId,
       b.name AS otherName,
       b.articleCount AS otherArticles,
       shared,
       af CONTAINS bf OR bf CONTAINS af AS contains
ORDER BY contains DESC, size(shared) DESC, type, id, otherId
LIMIT $limit
