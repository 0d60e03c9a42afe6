// name: contested_claims
// description: Claims side by side with their denial by the party concerned, with both sentences.
// note: a claim is an asserted or alleged event (or an alleged standing tie, e.g. "the US
//   has claimed Maduro leads the cartel"); a denial is an asserted edge of category REJECT
//   (DENIED, REJECTED, ...) by a party the claim concerns: the claim's target itself, its
//   leader or government (a LEADS or MEMBER_OF tie either way). It contests the claim when
//   it rejects the claimant (the claim's source), or when the claim is alleged and one
//   article reports both ("... the US has claimed Maduro leads. Venezuela has denied the
//   claims."). The sentence lists are the relationships' `sentences`, in evidence order.
MATCH (d:Entity)-[x]->(c:Entity)
WHERE x.category = 'REJECT' AND x.status = 'asserted'
WITH d, x, c, [d] + [(d)-[:LEADS|MEMBER_OF]-(q:Entity) | q] AS parties
UNWIND parties AS p
MATCH (p)-[r]-(:Entity)
WHERE r.status IN ['asserted', 'alleged'] AND coalesce(r.category, '') <> 'REJECT'
  AND ((r.category IS NOT NULL AND startNode(r).id = c.id AND endNode(r).id = p.id)
       OR (r.status = 'alleged' AND any(a IN r.article_ids WHERE a IN x.article_ids)))
RETURN DISTINCT startNode(r).name AS source, type(r) AS claim, endNode(r).name AS target,
       r.date AS claim_date, r.status AS claim_status, r.sentences AS claim_sentences,
       d.name AS denier, type(x) AS denial, c.name AS denied, x.date AS denial_date,
       x.sentences AS denial_sentences, startNode(r).id AS source_id, endNode(r).id AS target_id
ORDER BY source, claim, target, claim_date, denier, denial, denied, denial_date
