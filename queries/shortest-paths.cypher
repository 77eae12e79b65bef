// name: shortest-paths
// description: Shortest chains of typed relations linking two entities (never through articles or sentences)
// param: from string "person:sergey-lavrov" — first entity id, name or alias
// param: to string "place:syria" — second entity id, name or alias
// param: types list "HOLDS_ROLE,SPOKESPERSON_FOR,MEMBER_OF,PART_OF,PARTICIPATED_IN,OCCURRED_IN,CO_MENTIONED,RENAMED_TO" — relation types a path may use
// param: limit int 10 — maximum number of paths returned
MATCH (a:Entity)
WHERE a.id = $from OR a.name = $from OR a.nameEn = $from OR $from IN a.aliases
MATCH (b:Entity)
WHERE b.id = $to OR b.name = $to OR b.nameEn = $to OR $to IN b.aliases
WITH a, b
WHERE a <> b
MATCH p = allShortestPaths((a)-[:HOLDS_ROLE|SPOKESPERSON_FOR|MEMBER_OF|PART_OF|PARTICIPATED_IN|OCCURRED_IN|CO_MENTIONED|RENAMED_TO*..6]-(b))
WHERE all(r IN relationships(p) WHERE type(r) IN $types)
  AND all(n IN nodes(p) WHERE n:Entity)
RETURN p,
       length(p) AS hops,
       [n IN nodes(p) | n.name] AS names,
       [r IN relationships(p) | type(r)] AS relations,
       [r IN relationships(p) | coalesce(r.title, r.role, '')] AS qualifiers
ORDER BY hops, [n IN nodes(p) | n.id], relations, qualifiers
LIMIT $limit
