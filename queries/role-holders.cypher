// name: role-holders
// description: Who holds which role (HOLDS_ROLE and SPOKESPERSON_FOR), optionally for one holder or organization and a title
// param: entity string "" — holder or organization id, name or alias; empty for all
// param: title string "" — only titles containing this text; empty for all
// param: limit int 50 — maximum number of rows returned
MATCH (h:Entity)-[r:HOLDS_ROLE|SPOKESPERSON_FOR]->(o:Entity)
WHERE ($entity = ''
       OR h.id = $entity OR h.name = $entity OR h.nameEn = $entity OR $entity IN h.aliases
       OR o.id = $entity OR o.name = $entity OR o.nameEn = $entity OR $entity IN o.aliases)
  AND ($title = '' OR r.title CONTAINS $title)
RETURN h.id AS holderId,
       h.name AS holder,
       type(r) AS relation,
       r.title AS title,
       o.id AS ofId,
       o.name AS of,
       r.count AS sentences,
       size(r.articles) AS articles
ORDER BY articles DESC, sentences DESC, holderId, relation, coalesce(title, ''), ofId
LIMIT $limit
