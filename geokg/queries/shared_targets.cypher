// name: shared_targets
// description: Pairs of actors that acted on the same target, for the targets most actors acted on.
// param min_actions: int? = 1 in 1..  -- only targets that received at least this many actions in all
// param targets: int? = 20 in 1..  -- how many targets: those acted on by the most actors first
// param actors: int? = 10 in 1..  -- actors paired per target: those that acted on it most first
// note: standing ties (no category, e.g. LEADS) are left out. Bounded: pairs come from the
//   top `actors` actors (ties by id) of each of the top `targets` targets (ties by id), so a
//   target with thousands of actors costs a scan, not a quadratic join. When no target has
//   more than `actors` actors and at most `targets` qualify, these are all the pairs.
//   Every actor acted at least once, so `sources >= $min_actions` settles most targets and
//   the actions are counted only for the others (counting them beside count(DISTINCT a)
//   would miscount on kglite 0.21).
MATCH (a:Entity)-[r]->(t:Entity)
WHERE r.category IS NOT NULL
WITH t, count(DISTINCT a) AS sources
WHERE sources >= 2
WITH t, sources,
     COUNT { (t)<-[r]-(:Entity) WHERE sources < $min_actions AND r.category IS NOT NULL }
     AS received
WHERE sources >= $min_actions OR received >= $min_actions
WITH t, sources
ORDER BY sources DESC, t.id
LIMIT $targets
MATCH (t)<-[r]-(a:Entity)
WHERE r.category IS NOT NULL
WITH t, a, count(r) AS acts, collect(DISTINCT type(r)) AS actions
ORDER BY acts DESC, a.id
WITH t, collect({id: a.id, name: a.name, actions: actions})[..$actors] AS top
UNWIND top AS x
UNWIND top AS y
WITH t, x, y
WHERE x.id < y.id
UNWIND x.actions AS action
UNWIND y.actions AS other_action
RETURN DISTINCT t.name AS target, x.name AS actor, action, y.name AS other_actor, other_action
ORDER BY target, actor, action, other_actor, other_action
