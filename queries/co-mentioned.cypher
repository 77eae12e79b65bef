// name: co-mentioned
// description: Entities mentioned in the same sentences as an entity, strongest first, with example sentences
// param: entity string "place:syria" — entity id, name or alias
// param: examples int 3 — example sentences per pair
// param: limit int 20 — maximum number of pairs returned
MATCH (e:Entity)
WHERE e.id = $entity OR e.name = $entity OR e.nameEn = $entity OR $entity IN e.aliases
MATCH (e)-[c:CO_MENTIONED]-(o:Entity)
WITH e, c, o
ORDER BY c.sentences DESC, size(c.articles) DESC, e.id, o.id
LIMIT $limit
RETURN e.id AS id,
       o.id AS otherId,
       [l IN labels(o) WHERE l <> 'Entity'][0] AS otherType,
       o.name AS other,
       c.sentences AS sentences,
       size(c.articles) AS articles,
       COLLECT {
         UNWIND c.sentenceIds[0..$examples] AS sid
         MATCH (s:Sentence {id: sid})
         RETURN {id: s.id, text: s.text} AS example
         ORDER BY s.article, s.index
       } AS examples
ORDER BY sentences DESC, articles DESC, id, otherId
