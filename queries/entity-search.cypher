// name: entity-search
// description: Find an entity from any spelling, also a word with clitics as written in a text (وواشنطن, لروسيا), exact spellings first (full-text index entityNames, Arabic analyzer; Lucene syntax: "phrase", word~ for fuzzy)
// param: q string "سورية" — text to search for
// param: limit int 20 — maximum number of entities returned
CALL db.index.fulltext.queryNodes('entityNames', $q) YIELD node, score
WITH collect({node: node, score: score, text: $q}) AS hits
// The Arabic analyzer strips one prefix (ال, وال, بال, لل, و …), so a word
// with a preposition but no ال (لروسيا), a conjunction before one
// (وبموسكو), or و before a name that starts with و (وواشنطن) finds nothing.
// Only then is a single Arabic word searched again without one and two
// leading clitic letters.
CALL (hits) {
  WITH trim($q) AS w
  WHERE size(hits) = 0 AND w =~ '\\p{IsArabic}{4,}'
  UNWIND [x IN [[1, '[وفبلك]'], [2, '[وف][بلك]']] WHERE w =~ x[1] + '.{3,}' | substring(w, x[0])] AS v
  CALL db.index.fulltext.queryNodes('entityNames', v) YIELD node, score
  RETURN collect({node: node, score: score, text: v}) AS more
}
UNWIND hits + more AS hit
WITH hit.node AS node, hit.score AS score, toLower(hit.text) AS text
WITH node, max(score) AS score,
     max(CASE WHEN any(s IN [node.name, node.nameEn] + coalesce(node.aliases, []) WHERE toLower(s) = text) THEN 1 ELSE 0 END) AS exact
RETURN node.id AS id,
       [l IN labels(node) WHERE l <> 'Entity'][0] AS type,
       node.name AS name,
       node.nameEn AS nameEn,
       node.aliases AS aliases,
       coalesce(node.articleCount, 0) AS articles,
       exact = 1 AS exact,
       score
ORDER BY exact DESC, score DESC, articles DESC, id
LIMIT $limit
