// Constraints and indexes for Threadline. Safe to run again: every statement is IF NOT EXISTS.
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

// Importers match entities by normalised name or alias.
CREATE INDEX entity_name_key IF NOT EXISTS FOR (e:Entity) ON (e.nameKey);
CREATE INDEX entity_kind_name IF NOT EXISTS FOR (e:Entity) ON (e.kind, e.name);

// Link ids: every write MERGEs a relationship on its id.
CREATE INDEX link_id_founded IF NOT EXISTS FOR ()-[r:FOUNDED]-() ON (r.id);
CREATE INDEX link_id_leads IF NOT EXISTS FOR ()-[r:LEADS]-() ON (r.id);
CREATE INDEX link_id_owns IF NOT EXISTS FOR ()-[r:OWNS]-() ON (r.id);
CREATE INDEX link_id_subsidiary_of IF NOT EXISTS FOR ()-[r:SUBSIDIARY_OF]-() ON (r.id);
CREATE INDEX link_id_part_of IF NOT EXISTS FOR ()-[r:PART_OF]-() ON (r.id);
CREATE INDEX link_id_member_of IF NOT EXISTS FOR ()-[r:MEMBER_OF]-() ON (r.id);
CREATE INDEX link_id_employed_by IF NOT EXISTS FOR ()-[r:EMPLOYED_BY]-() ON (r.id);
CREATE INDEX link_id_holds_position IF NOT EXISTS FOR ()-[r:HOLDS_POSITION]-() ON (r.id);
CREATE INDEX link_id_family_of IF NOT EXISTS FOR ()-[r:FAMILY_OF]-() ON (r.id);
CREATE INDEX link_id_associate_of IF NOT EXISTS FOR ()-[r:ASSOCIATE_OF]-() ON (r.id);
CREATE INDEX link_id_received IF NOT EXISTS FOR ()-[r:RECEIVED]-() ON (r.id);
CREATE INDEX link_id_conferred_by IF NOT EXISTS FOR ()-[r:CONFERRED_BY]-() ON (r.id);
CREATE INDEX link_id_maintains IF NOT EXISTS FOR ()-[r:MAINTAINS]-() ON (r.id);
CREATE INDEX link_id_listed_on IF NOT EXISTS FOR ()-[r:LISTED_ON]-() ON (r.id);
CREATE INDEX link_id_listed_on_exchange IF NOT EXISTS FOR ()-[r:LISTED_ON_EXCHANGE]-() ON (r.id);
CREATE INDEX link_id_invests_in IF NOT EXISTS FOR ()-[r:INVESTS_IN]-() ON (r.id);
CREATE INDEX link_id_succeeded IF NOT EXISTS FOR ()-[r:SUCCEEDED]-() ON (r.id);
CREATE INDEX link_id_affiliated_with IF NOT EXISTS FOR ()-[r:AFFILIATED_WITH]-() ON (r.id);

// Full-text search over names and aliases; 'standard-folding' folds case and accents.
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS
FOR (e:Entity) ON EACH [e.searchText]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'standard-folding', `fulltext.eventually_consistent`: false } };
