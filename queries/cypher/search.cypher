// search: records whose folded name or id contains the folded text; prefix matches first.
// Parameters: $text (lower case, accents removed), $limit. Returns: kind, id, name, detail.
CALL () {
  MATCH (o:Organisation)
  RETURN 'organisation' AS kind, o.id AS id, o.name AS name, o.sector AS detail, o.name_folded AS folded
  UNION ALL
  MATCH (p:Professional)
  RETURN 'professional' AS kind, p.id AS id, p.name AS name, p.role AS detail, p.name_folded AS folded
  UNION ALL
  MATCH (a:Agreement)
  RETURN 'agreement' AS kind, a.id AS id, a.name AS name, a.kind AS detail, a.name_folded AS folded
  UNION ALL
  MATCH (r:Area)
  RETURN 'area' AS kind, r.code AS id, r.name AS name, r.level AS detail, r.name_folded AS folded
}
WITH kind, id, name, detail, folded
WHERE folded CONTAINS $text OR toLower(id) CONTAINS $text
RETURN kind, id, name, detail
ORDER BY NOT folded STARTS WITH $text, size(name), name, kind, id
LIMIT $limit
