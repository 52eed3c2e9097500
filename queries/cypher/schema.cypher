// schema: uniqueness constraints and indexes of the Neo4j store (idempotent).
// Parameters: none. Returns: nothing. Several statements: each runs in its own transaction,
// applied by `ketenkaart init-db` and before a store's first load.
CREATE CONSTRAINT area_code IF NOT EXISTS FOR (a:Area) REQUIRE a.code IS UNIQUE;
CREATE CONSTRAINT organisation_id IF NOT EXISTS FOR (o:Organisation) REQUIRE o.id IS UNIQUE;
CREATE CONSTRAINT professional_id IF NOT EXISTS FOR (p:Professional) REQUIRE p.id IS UNIQUE;
CREATE CONSTRAINT agreement_id IF NOT EXISTS FOR (a:Agreement) REQUIRE a.id IS UNIQUE;
CREATE CONSTRAINT load_fingerprint IF NOT EXISTS FOR (l:Load) REQUIRE l.fingerprint IS UNIQUE;
CREATE CONSTRAINT meta_key IF NOT EXISTS FOR (m:Meta) REQUIRE m.key IS UNIQUE;
CREATE INDEX organisation_municipality IF NOT EXISTS FOR (o:Organisation) ON (o.municipality);
CREATE INDEX referred_months IF NOT EXISTS FOR ()-[r:REFERRED]-() ON (r.first_month, r.last_month);
CREATE CONSTRAINT survey_round_id IF NOT EXISTS FOR (s:SurveyRound) REQUIRE s.id IS UNIQUE;
CREATE CONSTRAINT survey_response_version IF NOT EXISTS FOR (r:SurveyResponse) REQUIRE (r.round_id, r.organisation, r.version) IS UNIQUE;
CREATE CONSTRAINT proposed_change_id IF NOT EXISTS FOR (c:ProposedChange) REQUIRE c.id IS UNIQUE;
CREATE CONSTRAINT pair_decision_pair IF NOT EXISTS FOR (d:PairDecision) REQUIRE (d.first, d.second) IS UNIQUE;
