// name: most_connected
// description: Actors with the most relations (events and standing ties), most first.
// param limit: int? = 10  -- how many actors
MATCH (a:Entity)-[r]-(:Entity)
WITH a, count(DISTINCT r) AS relations, count(DISTINCT type(r)) AS action_types
RETURN a.name AS actor, a.type AS type, relations, action_types, a.id AS id
ORDER BY relations DESC, actor, type, action_types, id
LIMIT $limit
