-- migrate_v3: bring a schema_version 2 database up to version 3 (run as a script, once).
-- Parameters: none. Returns: nothing. Version 3 stores a professional's expertise as a JSON
-- array, as an organisation's is, instead of '|'-joined: each row's text is split on '|'
-- (empty parts dropped, order kept) and written as json.dumps(list, ensure_ascii=False) does.
UPDATE professionals SET expertise = (
    WITH RECURSIVE parts (rest, part, n) AS (
        SELECT professionals.expertise || '|', NULL, 0
        UNION ALL
        SELECT substr(rest, instr(rest, '|') + 1), substr(rest, 1, instr(rest, '|') - 1), n + 1
        FROM parts WHERE rest <> ''
    )
    SELECT '[' || coalesce(group_concat(json_quote(part), ', '), '') || ']'
    FROM (SELECT part FROM parts WHERE part <> '' ORDER BY n)
);
UPDATE meta SET value = '3' WHERE key = 'schema_version';
