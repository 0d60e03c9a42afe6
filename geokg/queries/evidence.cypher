// name: evidence
// description: The sources behind the relations between two actors: one row per evidence item (sentence, article, date, URL, rule).
// param actor: actor = "US Treasury"  -- name, alias or id of one actor
// param other: actor = "Gustavo Petro"  -- name, alias or id of the other actor
// note: a relationship keeps its evidence as parallel lists, one element per item in the same
//   order (sentences, articles, article_ids, urls, published, rules, starts, ends, dates; ''
//   where a value is missing), so item i is r.sentences[i], r.articles[i], ... in plain Cypher.
//   `article` is the article's title, else its URL or file name.
MATCH (a:Entity)
WHERE a.id = $actor OR toLower(a.name) = toLower($actor) OR $actor IN a.aliases
MATCH (b:Entity)
WHERE b.id = $other OR toLower(b.name) = toLower($other) OR $other IN b.aliases
MATCH (a)-[r]-(b)
WITH DISTINCT r
UNWIND range(0, size(r.sentences) - 1) AS i
RETURN startNode(r).name AS source, type(r) AS action, endNode(r).name AS target,
       r.date AS date, r.articles[i] AS article,
       CASE WHEN r.published[i] = '' THEN null ELSE r.published[i] END AS published,
       CASE WHEN r.urls[i] = '' THEN null ELSE r.urls[i] END AS url,
       r.rules[i] AS rule, r.sentences[i] AS sentence
ORDER BY source, action, target, date, article, published, url, rule, sentence
