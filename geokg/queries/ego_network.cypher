// name: ego_network
// description: Relations around an actor: hop 1 its own, hop 2 those of its closest counterparts.
// param actor: actor = "Gustavo Petro"  -- name, alias or id of the actor
// param hops: int? = 2 in 1..2  -- 1 or 2
// param counterparts: int? = 10 in 1..  -- hop 2 follows this many: most relations with the actor first
// note: hop 1 is every relation of the actor; hop 2 adds the other relations of its
//   `counterparts` counterparts that share the most relations with it (ties broken by id),
//   so a hub's two-hop neighbourhood (most of the graph) stays a readable, bounded answer.
//   The hop-2 centres are picked from a list: no node comparisons, which kglite runs slowly.
MATCH (a:Entity)
WHERE a.id = $actor OR toLower(a.name) = toLower($actor) OR $actor IN a.aliases
MATCH (a)-[r]-(b:Entity)
WITH a, b, count(r) AS shared
ORDER BY shared DESC, b.id
WITH a, collect(b) AS near
WITH a, [a] + CASE WHEN $hops >= 2 THEN near[..$counterparts] ELSE [] END AS centres
UNWIND range(0, CASE WHEN $hops >= 1 THEN size(centres) - 1 ELSE -1 END) AS i
WITH a, centres[i] AS c, CASE WHEN i = 0 THEN 1 ELSE 2 END AS hop
MATCH (c)-[r]-(x:Entity)
WHERE hop = 1 OR x.id <> a.id
RETURN DISTINCT hop, startNode(r).name AS source, type(r) AS action, endNode(r).name AS target,
       r.date AS date, r.status AS status
ORDER BY hop, source, action, target, date, status
