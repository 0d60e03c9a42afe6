// name: most_connected
// description: Actors with the most relations (events and standing ties), most first.
// param limit: int? = 10 in 1..  -- how many actors
// note: the top actors are picked on the plain count first (a fast aggregation on both
//   engines), and their distinct action types are counted for those only.
MATCH (a:Entity)-[r]-(:Entity)
WITH a, count(r) AS relations
ORDER BY relations DESC, a.name, a.type, a.id
LIMIT $limit
MATCH (a)-[r]-(:Entity)
WITH a, relations, count(DISTINCT type(r)) AS action_types
RETURN a.name AS actor, a.type AS type, relations, action_types, a.id AS id
ORDER BY relations DESC, actor, type, id
