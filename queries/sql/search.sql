-- search: records whose folded name or id contains the folded text; prefix matches first.
-- Parameters: :text (lower case, accents removed), :limit. Returns: kind, id, name, detail.
-- fold() is search_text(), registered by the store.
SELECT kind, id, name, detail FROM (
    SELECT 'organisation' AS kind, id, name, sector AS detail, name_folded AS folded FROM organisations
    UNION ALL
    SELECT 'professional', id, name, role, name_folded FROM professionals
    UNION ALL
    SELECT 'agreement', id, name, kind, name_folded FROM agreements
    UNION ALL
    SELECT 'area', code, name, level, fold(name) FROM areas
)
WHERE instr(folded, :text) > 0 OR instr(lower(id), :text) > 0
ORDER BY instr(folded, :text) <> 1, length(name), name, kind, id
LIMIT :limit
