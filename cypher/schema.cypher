// Constraints and indexes for Threadline. Safe to run again: every statement is IF (NOT) EXISTS.
// Applied by `npm run db:seed`, by `npm start` and by the test setup.

CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE;
CREATE CONSTRAINT source_id IF NOT EXISTS FOR (s:Source) REQUIRE s.id IS UNIQUE;

// Each kind gets its own id index too, so MATCH (n:Company {id: $id}) is an index seek.
CREATE INDEX person_id IF NOT EXISTS FOR (n:Person) ON (n.id);
CREATE INDEX company_id IF NOT EXISTS FOR (n:Company) ON (n.id);
CREATE INDEX ministry_id IF NOT EXISTS FOR (n:Ministry) ON (n.id);
CREATE INDEX award_id IF NOT EXISTS FOR (n:Award) ON (n.id);
CREATE INDEX government_list_id IF NOT EXISTS FOR (n:GovernmentList) ON (n.id);
CREATE INDEX organization_id IF NOT EXISTS FOR (n:Organization) ON (n.id);
CREATE INDEX topic_id IF NOT EXISTS FOR (n:Topic) ON (n.id);
CREATE INDEX position_id IF NOT EXISTS FOR (n:Position) ON (n.id);
CREATE INDEX address_id IF NOT EXISTS FOR (n:Address) ON (n.id);

// Importers match entities by normalised name or alias.
CREATE INDEX entity_name_key IF NOT EXISTS FOR (e:Entity) ON (e.nameKey);
CREATE INDEX entity_kind_name IF NOT EXISTS FOR (e:Entity) ON (e.kind, e.name);

// A link's id is unique within its type. A constraint, not only an index: the importer CREATEs
// the links it did not find, and the constraint refuses a twin written by a concurrent import.
// Stores made before 2026-11-26 had a plain index on the same property; it has to go first.
DROP INDEX link_id_founded IF EXISTS;
CREATE CONSTRAINT link_founded_id IF NOT EXISTS FOR ()-[r:FOUNDED]-() REQUIRE r.id IS UNIQUE;
DROP INDEX link_id_leads IF EXISTS;
CREATE CONSTRAINT link_leads_id IF NOT EXISTS FOR ()-[r:LEADS]-() REQUIRE r.id IS UNIQUE;
DROP INDEX link_id_owns IF EXISTS;
CREATE CONSTRAINT link_owns_id IF NOT EXISTS FOR ()-[r:OWNS]-() REQUIRE r.id IS UNIQUE;
DROP INDEX link_id_subsidiary_of IF EXISTS;
CREATE CONSTRAINT link_subsidiary_of_id IF NOT EXISTS FOR ()-[r:SUBSIDIARY_OF]-() REQUIRE r.id IS UNIQUE;
DROP INDEX link_id_part_of IF EXISTS;
CREATE CONSTRAINT link_part_of_id IF NOT EXISTS FOR ()-[r:PART_OF]-() REQUIRE r.id IS UNIQUE;
DROP INDEX link_id_member_of IF EXISTS;
CREATE CONSTRAINT link_member_of_id IF NOT EXISTS FOR ()-[r:MEMBER_OF]-() REQUIRE r.id IS UNIQUE;
DROP INDEX link_id_employed_by IF EXISTS;
CREATE CONSTRAINT link_employed_by_id IF NOT EXISTS FOR ()-[r:EMPLOYED_BY]-() REQUIRE r.id IS UNIQUE;
DROP INDEX link_id_holds_position IF EXISTS;
CREATE CONSTRAINT link_holds_position_id IF NOT EXISTS FOR ()-[r:HOLDS_POSITION]-() REQUIRE r.id IS UNIQUE;
DROP INDEX link_id_family_of IF EXISTS;
CREATE CONSTRAINT link_family_of_id IF NOT EXISTS FOR ()-[r:FAMILY_OF]-() REQUIRE r.id IS UNIQUE;
DROP INDEX link_id_associate_of IF EXISTS;
CREATE CONSTRAINT link_associate_of_id IF NOT EXISTS FOR ()-[r:ASSOCIATE_OF]-() REQUIRE r.id IS UNIQUE;
DROP INDEX link_id_received IF EXISTS;
CREATE CONSTRAINT link_received_id IF NOT EXISTS FOR ()-[r:RECEIVED]-() REQUIRE r.id IS UNIQUE;
DROP INDEX link_id_conferred_by IF EXISTS;
CREATE CONSTRAINT link_conferred_by_id IF NOT EXISTS FOR ()-[r:CONFERRED_BY]-() REQUIRE r.id IS UNIQUE;
DROP INDEX link_id_maintains IF EXISTS;
CREATE CONSTRAINT link_maintains_id IF NOT EXISTS FOR ()-[r:MAINTAINS]-() REQUIRE r.id IS UNIQUE;
DROP INDEX link_id_listed_on IF EXISTS;
CREATE CONSTRAINT link_listed_on_id IF NOT EXISTS FOR ()-[r:LISTED_ON]-() REQUIRE r.id IS UNIQUE;
DROP INDEX link_id_listed_on_exchange IF EXISTS;
CREATE CONSTRAINT link_listed_on_exchange_id IF NOT EXISTS FOR ()-[r:LISTED_ON_EXCHANGE]-() REQUIRE r.id IS UNIQUE;
DROP INDEX link_id_invests_in IF EXISTS;
CREATE CONSTRAINT link_invests_in_id IF NOT EXISTS FOR ()-[r:INVESTS_IN]-() REQUIRE r.id IS UNIQUE;
DROP INDEX link_id_succeeded IF EXISTS;
CREATE CONSTRAINT link_succeeded_id IF NOT EXISTS FOR ()-[r:SUCCEEDED]-() REQUIRE r.id IS UNIQUE;
DROP INDEX link_id_affiliated_with IF EXISTS;
CREATE CONSTRAINT link_affiliated_with_id IF NOT EXISTS FOR ()-[r:AFFILIATED_WITH]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT link_paid_id IF NOT EXISTS FOR ()-[r:PAID]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT link_has_address_id IF NOT EXISTS FOR ()-[r:HAS_ADDRESS]-() REQUIRE r.id IS UNIQUE;

// Full-text search over names and aliases; 'standard-folding' folds case and accents.
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS
FOR (e:Entity) ON EACH [e.searchText]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'standard-folding', `fulltext.eventually_consistent`: false } };
