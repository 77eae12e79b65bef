// name: top-entities
// description: The most covered entities of one type (Person, Organization, Place or Event, any case), by number of articles
// param: type string "Person" — entity type
// param: limit int 25 — maximum number of entities returned
MATCH (e:Entity)
WHERE any(l IN labels(e) WHERE l <> 'Entity' AND toLower(l) = toLower($type))
RETURN e.id AS id,
       e.name AS name,
       e.nameEn AS nameEn,
       e.articleCount AS articles,
       e.mentionCount AS mentions,
       size(e.aliases) AS spellings
ORDER BY articles DESC, mentions DESC, id
LIMIT $limit
