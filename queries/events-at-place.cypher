// name: events-at-place
// description: Events that occurred at a place (and, if within is true, at places that are part of it), oldest first, with participants
// param: place string "place:syria" — place id, name or alias
// param: within bool true — include places that are PART_OF the place (up to 3 levels)
// param: limit int 50 — maximum number of events returned
MATCH (pl:Place)
WHERE pl.id = $place OR pl.name = $place OR pl.nameEn = $place OR $place IN pl.aliases
MATCH (ev:Event)-[:OCCURRED_IN]->(loc:Place)-[:PART_OF*0..3]->(pl)
WHERE $within OR loc = pl
WITH DISTINCT ev, loc, pl
RETURN ev.date AS date,
       ev.id AS eventId,
       ev.type AS eventType,
       ev.name AS event,
       loc.id AS locationId,
       loc.name AS location,
       pl.id AS placeId,
       COLLECT {
         MATCH (p:Entity)-[r:PARTICIPATED_IN]->(ev)
         RETURN {id: p.id, name: p.name, role: r.role} AS participant
         ORDER BY r.role, p.id
       } AS participants,
       head(COLLECT {
         MATCH (s:Sentence {id: ev.evidence})
         RETURN s.text AS text
       }) AS evidence
ORDER BY date, eventId, locationId, placeId
LIMIT $limit
