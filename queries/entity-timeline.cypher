// name: entity-timeline
// description: The events an entity took part in, oldest first, with its roles, the places and the evidence sentence
// param: entity string "place:syria" — entity id, name or alias
// param: limit int 50 — maximum number of events returned
MATCH (e:Entity)
WHERE e.id = $entity OR e.name = $entity OR e.nameEn = $entity OR $entity IN e.aliases
MATCH (e)-[r:PARTICIPATED_IN]->(ev:Event)
WITH e, ev, r
ORDER BY r.role
WITH e, ev, collect(r.role) AS roles, sum(r.count) AS sentences
RETURN ev.date AS date,
       ev.id AS eventId,
       ev.type AS eventType,
       ev.name AS event,
       e.id AS id,
       roles,
       COLLECT {
         MATCH (ev)-[:OCCURRED_IN]->(pl:Place)
         RETURN pl.name AS place
         ORDER BY pl.id
       } AS places,
       head(COLLECT {
         MATCH (s:Sentence {id: ev.evidence})
         RETURN s.text AS text
       }) AS evidence,
       sentences
ORDER BY date, eventId, id
LIMIT $limit
