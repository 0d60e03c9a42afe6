// name: shared_targets
// description: Pairs of actors that acted on the same target (standing ties like LEADS left out).
// param min_actions: int? = 1  -- only targets that received at least this many actions in all
MATCH (t:Entity)<-[r]-(:Entity)
WHERE r.category IS NOT NULL
WITH t, count(r) AS received
WHERE received >= $min_actions
MATCH (a:Entity)-[r1]->(t)<-[r2]-(b:Entity)
WHERE a.id < b.id AND r1.category IS NOT NULL AND r2.category IS NOT NULL
RETURN DISTINCT t.name AS target, a.name AS actor, type(r1) AS action, b.name AS other_actor,
       type(r2) AS other_action
ORDER BY target, actor, action, other_actor, other_action
