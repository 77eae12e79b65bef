// name: article-entities
// description: The entities an article mentions, most mentioned first, with the name and spellings that article used
// param: article string "000_ef85649ef22ca4f1" — article id
// param: limit int 100 — maximum number of entities returned
MATCH (a:Article {id: $article})-[m:MENTIONS]->(e:Entity)
RETURN e.id AS id,
       [l IN labels(e) WHERE l <> 'Entity'][0] AS type,
       m.name AS nameHere,
       e.name AS name,
       m.aliases AS spellingsHere,
       m.count AS mentions,
       e.articleCount AS articles
ORDER BY mentions DESC, type, id
LIMIT $limit
