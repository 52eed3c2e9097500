// known_ids: every key the store holds, with its kind.
// Parameters: none. Returns: kind ('area', 'organisation', 'professional', 'agreement'), id.
MATCH (a:Area) RETURN 'area' AS kind, a.code AS id
UNION ALL
MATCH (o:Organisation) RETURN 'organisation' AS kind, o.id AS id
UNION ALL
MATCH (p:Professional) RETURN 'professional' AS kind, p.id AS id
UNION ALL
MATCH (g:Agreement) RETURN 'agreement' AS kind, g.id AS id
