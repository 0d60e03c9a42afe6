// name: actor_timeline
// description: Every dated event an actor took part in, as source or target, oldest first.
// param actor: actor = "Gustavo Petro"  -- name, alias or id of the actor
MATCH (a:Entity)
WHERE a.id = $actor OR toLower(a.name) = toLower($actor) OR $actor IN a.aliases
MATCH (a)-[r]-(:Entity)
WHERE r.date IS NOT NULL
RETURN DISTINCT r.date AS date, startNode(r).name AS source, type(r) AS action,
       endNode(r).name AS target, r.status AS status, size(r.sentences) AS evidence
ORDER BY date, source, action, target, status, evidence
