// name: evidence
// description: The sources behind the relations between two actors: one row per article sentence.
// param actor: actor = "US Treasury"  -- name, alias or id of one actor
// param other: actor = "Gustavo Petro"  -- name, alias or id of the other actor
// note: each evidence item's article is looked up by id (an index seek on both engines), not
//   by scanning every article per item; an item whose article is not stored keeps null columns.
MATCH (a:Entity)
WHERE a.id = $actor OR toLower(a.name) = toLower($actor) OR $actor IN a.aliases
MATCH (b:Entity)
WHERE b.id = $other OR toLower(b.name) = toLower($other) OR $other IN b.aliases
MATCH (a)-[r]-(b)
UNWIND r.evidence AS item
WITH r, item, [aid IN r.articles WHERE item CONTAINS ('"article":"' + aid + '"')] AS ids
UNWIND CASE WHEN ids = [] THEN [null] ELSE ids END AS aid
OPTIONAL MATCH (art:Article {id: aid})
RETURN DISTINCT startNode(r).name AS source, type(r) AS action, endNode(r).name AS target,
       r.date AS date, art.id AS article, art.title AS title, art.published AS published,
       art.url AS url, item AS evidence
ORDER BY source, action, target, date, article, title, published, url, evidence
