// name: relation-evidence
// description: The typed relations between two entities, in either direction, with the sentences each was read from
// param: entity string "person:sergey-lavrov" — first entity id, name or alias
// param: other string "place:syria" — second entity id, name or alias
// param: examples int 5 — maximum number of sentences per relation
MATCH (x:Entity)
WHERE x.id = $entity OR x.name = $entity OR x.nameEn = $entity OR $entity IN x.aliases
MATCH (y:Entity)
WHERE y.id = $other OR y.name = $other OR y.nameEn = $other OR $other IN y.aliases
MATCH (x)-[r]-(y)
WHERE x <> y
RETURN startNode(r).id AS fromId,
       type(r) AS relation,
       endNode(r).id AS toId,
       coalesce(r.title, r.role) AS qualifier,
       r.count AS sentences,
       r.articles AS articles,
       COLLECT {
         UNWIND r.sentenceIds[0..$examples] AS sid
         MATCH (s:Sentence {id: sid})
         RETURN {id: s.id, text: s.text} AS evidence
         ORDER BY s.article, s.index
       } AS evidence
ORDER BY relation, fromId, toId, coalesce(qualifier, '')
