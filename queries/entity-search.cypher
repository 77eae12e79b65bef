// name: entity-search
// description: Find an entity from any spelling (full-text index entityNames, Arabic analyzer; Lucene syntax: "phrase", word~ for fuzzy)
// param: q string "سورية" — text to search for
// param: limit int 20 — maximum number of entities returned
CALL db.index.fulltext.queryNodes('entityNames', $q) YIELD node, score
RETURN node.id AS id,
       [l IN labels(node) WHERE l <> 'Entity'][0] AS type,
       node.name AS name,
       node.nameEn AS nameEn,
       node.aliases AS aliases,
       coalesce(node.articleCount, 0) AS articles,
       score
ORDER BY score DESC, articles DESC, id
LIMIT $limit
