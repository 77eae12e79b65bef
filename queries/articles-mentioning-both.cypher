// name: articles-mentioning-both
// description: Articles that mention both of two entities, newest first, with how often and in how many shared sentences
// param: entity string "person:sergey-lavrov" — first entity id, name or alias
// param: other string "place:syria" — second entity id, name or alias
// param: limit int 20 — maximum number of articles returned
MATCH (x:Entity)
WHERE x.id = $entity OR x.name = $entity OR x.nameEn = $entity OR $entity IN x.aliases
MATCH (y:Entity)
WHERE y.id = $other OR y.name = $other OR y.nameEn = $other OR $other IN y.aliases
WITH x, y
WHERE x <> y
MATCH (x)<-[mx:MENTIONS]-(a:Article)-[my:MENTIONS]->(y)
RETURN a.id AS articleId,
       a.title AS title,
       a.source AS source,
       a.published AS published,
       x.id AS entityId,
       mx.count AS entityMentions,
       y.id AS otherId,
       my.count AS otherMentions,
       COUNT {
         MATCH (a)-[:HAS_SENTENCE]->(s:Sentence)
         WHERE EXISTS { (s)-[:MENTIONS]->(x) } AND EXISTS { (s)-[:MENTIONS]->(y) }
       } AS sharedSentences
ORDER BY coalesce(published, '') DESC, articleId, entityId, otherId
LIMIT $limit
