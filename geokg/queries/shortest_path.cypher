// name: shortest_path
// description: All shortest chains of events (any direction, up to 6 steps) linking two actors.
// param actor: actor = "US Treasury"  -- name, alias or id of the first actor
// param other: actor = "Cartel de los Soles"  -- name, alias or id of the second actor
// note: the relationship types are listed so that paths never pass through articles
//   (MENTIONS); a WHERE on the path would be applied during the search by Neo4j but after
//   it by kglite. Keep the list equal to the vocabulary's types (a test checks it).
MATCH (a:Entity)
WHERE a.id = $actor OR toLower(a.name) = toLower($actor) OR $actor IN a.aliases
MATCH (b:Entity)
WHERE b.id = $other OR toLower(b.name) = toLower($other) OR $other IN b.aliases
WITH a, b
WHERE a <> b
MATCH p = allShortestPaths((a)-[:ACCUSED|AGREED|AIDED|APOLOGIZED|ARRESTED|ATTACKED|COERCED|CONCEDED|COOPERATED|CRITICIZED|DECERTIFIED|DENIED|DEPLOYED|DESIGNATED|EXPELLED|EXPELLED_DIPLOMATS|HALTED_AID|HALTED_TALKS|LEADS|MEMBER_OF|MET_WITH|MOBILIZED_AGAINST|PRAISED|PROTESTED|RECALLED_AMBASSADOR|REJECTED|REQUESTED|RETREATED|REVOKED_VISA|SANCTIONED|THREATENED|URGED*..6]-(b))
RETURN length(p) AS hops, [n IN nodes(p) | n.name] AS actors,
       [r IN relationships(p) | type(r)] AS actions,
       [r IN relationships(p) | coalesce(r.date, '')] AS dates
ORDER BY hops, actors, actions, dates
