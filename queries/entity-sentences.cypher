// name: entity-sentences
// description: The sentences that mention an entity, newest article first, with the spelling used in each mention
// param: entity string "place:syria" — entity id, name or alias
// param: limit int 25 — maximum number of sentences returned
MATCH (e:Entity)
WHERE e.id = $entity OR e.name = $entity OR e.nameEn = $entity OR $entity IN e.aliases
MATCH (a:Article)-[:HAS_SENTENCE]->(s:Sentence)-[m:MENTIONS]->(e)
WITH e, a, s, m
ORDER BY m.start
WITH e, a, s, collect(m.text) AS spellings
RETURN a.id AS articleId,
       a.title AS title,
       a.published AS published,
       s.index AS sentence,
       s.text AS text,
       spellings,
       e.id AS id
ORDER BY coalesce(published, '') DESC, articleId, sentence, id
LIMIT $limit
