// name: entity-sources
// description: Which sources covered an entity: articles and mentions per source, with first and last publication dates
// param: entity string "place:syria" — entity id, name or alias
// param: limit int 50 — maximum number of rows returned
MATCH (e:Entity)
WHERE e.id = $entity OR e.name = $entity OR e.nameEn = $entity OR $entity IN e.aliases
MATCH (a:Article)-[m:MENTIONS]->(e)
WITH e, coalesce(a.source, '') AS source, count(a) AS articles, sum(m.count) AS mentions,
     min(a.published) AS first, max(a.published) AS last
RETURN e.id AS id,
       e.name AS name,
       source,
       articles,
       mentions,
       first,
       last
ORDER BY articles DESC, mentions DESC, source, id
LIMIT $limit
