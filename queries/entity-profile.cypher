// name: entity-profile
// description: An entity's profile: type, spellings, counts, roles it holds, role holders, and the articles that mention it most
// param: entity string "place:syria" — entity id, name or alias
// param: limit int 20 — maximum number of articles listed
MATCH (e:Entity)
WHERE e.id = $entity OR e.name = $entity OR e.nameEn = $entity OR $entity IN e.aliases
RETURN e.id AS id,
       [l IN labels(e) WHERE l <> 'Entity'][0] AS type,
       e.name AS name,
       e.nameEn AS nameEn,
       e.wikidata AS wikidata,
       e.aliases AS aliases,
       e.mentionCount AS mentions,
       e.articleCount AS articleCount,
       COLLECT {
         MATCH (e)-[r:HOLDS_ROLE|SPOKESPERSON_FOR]->(o:Entity)
         RETURN {relation: type(r), title: r.title, ofId: o.id, of: o.name, sentences: r.count} AS role
         ORDER BY r.count DESC, type(r), r.title, o.id
       } AS roles,
       COLLECT {
         MATCH (h:Entity)-[r:HOLDS_ROLE|SPOKESPERSON_FOR]->(e)
         RETURN {relation: type(r), title: r.title, holderId: h.id, holder: h.name, sentences: r.count} AS holder
         ORDER BY r.count DESC, type(r), r.title, h.id
       } AS holders,
       COLLECT {
         MATCH (a:Article)-[m:MENTIONS]->(e)
         RETURN {id: a.id, title: a.title, source: a.source, published: a.published, mentions: m.count} AS article
         ORDER BY m.count DESC, coalesce(a.published, '') DESC, a.id
         LIMIT $limit
       } AS articles
ORDER BY articleCount DESC, id
