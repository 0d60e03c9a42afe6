// name: actor_sources
// description: The articles that mention an actor, newest first.
// param actor: actor = "Petro"  -- name, alias or id of the actor
MATCH (a:Entity)
WHERE a.id = $actor OR toLower(a.name) = toLower($actor) OR $actor IN a.aliases
MATCH (art:Article)-[:MENTIONS]->(a)
RETURN DISTINCT art.published AS published, art.id AS article, art.title AS title,
       art.url AS url, art.source AS source
ORDER BY published DESC, article, title, url, source
