// name: ego_network
// description: Relations around an actor: hop 1 its own, hop 2 those of its direct counterparts.
// param actor: string = "Gustavo Petro"  -- name, alias or id of the actor
// param hops: int? = 2  -- 1 or 2
MATCH (a:Entity)
WHERE a.id = $actor OR toLower(a.name) = toLower($actor) OR $actor IN a.aliases
MATCH (a)-[]-(b:Entity)
WITH DISTINCT a, b
MATCH (b)-[r]-(:Entity)
WITH CASE WHEN startNode(r) = a OR endNode(r) = a THEN 1 ELSE 2 END AS hop, r
WHERE hop <= $hops
RETURN DISTINCT hop, startNode(r).name AS source, type(r) AS action, endNode(r).name AS target,
       r.date AS date, r.status AS status
ORDER BY hop, source, action, target, date, status
