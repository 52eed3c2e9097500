// server_version: the server's product version, checked when a store connects.
// Parameters: none. Returns: name ('Neo4j Kernel'), version (such as '5.26.30' or
// '2025.01.0'), edition.
CALL dbms.components() YIELD name, versions, edition
RETURN name, versions[0] AS version, edition
