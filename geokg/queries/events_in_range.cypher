// name: events_in_range
// description: Events whose date overlaps a period (a month-precise date counts if any of its days does).
// param from: date = "2025-09-01"  -- first day of the period (YYYY-MM-DD)
// param to: date = "2025-11-30"  -- last day of the period (YYYY-MM-DD)
MATCH (s:Entity)-[r]->(t:Entity)
WHERE r.date_start <= date($to) AND r.date_end >= date($from)
RETURN r.date AS date, s.name AS source, type(r) AS action, t.name AS target,
       r.status AS status, size(r.sentences) AS evidence
ORDER BY date, source, action, target, status, evidence
