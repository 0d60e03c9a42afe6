// name: evidence
// description: The sources behind the relations between two actors: one row per article sentence.
// param actor: string = "US Treasury"  -- name, alias or id of one actor
// param other: string = "Gustavo Petro"  -- name, alias or id of the other actor
MATCH (a:Entity)
WHERE a.id = $actor OR toLower(a.name) = toLower($actor) OR $actor IN a.aliases
MATCH (b:Entity)
WHERE b.id = $other OR toLower(b.name) = toLower($other) OR $other IN b.aliases
MATCH (a)-[r]-(b)
UNWIND r.evidence AS item
OPTIONAL MATCH (art:Article)
WHERE art.id IN r.articles AND item CONTAINS ('"article":"' + art.id + '"')
RETURN DISTINCT startNode(r).name AS source, type(r) AS action, endNode(r).name AS target,
       r.date AS date, art.id AS article, art.title AS title, art.published AS published,
       art.url AS url, item AS evidence
ORDER BY source, action, target, date, article, title, published, url, evidence
