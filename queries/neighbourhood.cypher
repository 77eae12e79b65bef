// name: neighbourhood
// description: An entity and its typed relations to other entities, as nodes and relationships for the Browser graph view
// param: entity string "place:syria" — entity id, name or alias
// param: coMentions bool true — include CO_MENTIONED relations
// param: limit int 50 — maximum number of relationships returned
MATCH (e:Entity)
WHERE e.id = $entity OR e.name = $entity OR e.nameEn = $entity OR $entity IN e.aliases
MATCH (e)-[r]-(o:Entity)
WHERE $coMentions OR NOT r:CO_MENTIONED
RETURN e, r, o
ORDER BY r.count DESC, type(r), o.id, e.id, coalesce(r.title, r.role, '')
LIMIT $limit
