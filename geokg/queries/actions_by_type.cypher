// name: actions_by_type
// description: Who did what to whom for one action type (e.g. SANCTIONED), by source and date.
// param type: action = "SANCTIONED"  -- action type from the vocabulary (any case)
MATCH (s:Entity)-[r]->(t:Entity)
WHERE type(r) = toUpper($type)
RETURN s.name AS source, type(r) AS action, t.name AS target, r.date AS date,
       r.status AS status, size(r.sentences) AS evidence
ORDER BY source, target, date, status, action, evidence
