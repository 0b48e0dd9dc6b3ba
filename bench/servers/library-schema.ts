/**
 * The same data served by @neo4j/graphql, the library users would otherwise pick. Its model needs
 * one field per relationship type and direction, so it covers the three types the nested
 * benchmark walks (OWNS, SUBSIDIARY_OF, LISTED_ON), both ways; paths it cannot express except as
 * a hand-written @cypher field, which is what a user of the library would have to write.
 */

export const LIBRARY_LINK_FIELDS = [
  { type: 'OWNS', out: 'owns', in: 'ownedBy' },
  { type: 'SUBSIDIARY_OF', out: 'subsidiaryOf', in: 'subsidiaries' },
  { type: 'LISTED_ON', out: 'listedOn', in: 'listedEntries' },
] as const;

export const LIBRARY_TYPE_DEFS = `
type Entity @node(labels: ["Entity"]) @mutation(operations: []) @query(aggregate: false) {
  id: ID!
  name: String
  kind: String
${LIBRARY_LINK_FIELDS.map(
  (
    f,
  ) => `  ${f.out}: [Entity!]! @relationship(type: "${f.type}", direction: OUT, properties: "LinkProps")
  ${f.in}: [Entity!]! @relationship(type: "${f.type}", direction: IN, properties: "LinkProps")`,
).join('\n')}
}

type LinkProps @relationshipProperties {
  id: ID!
  since: String
  status: String
}

type Query {
  "The entities of one shortest path (any link type, retracted links left out), as a user would hand-write it."
  shortestPathEntities(from: ID!, to: ID!): [Entity!]!
    @cypher(
      statement: """
      MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
      MATCH p = SHORTEST 1 (a)((x)-[r WHERE r.status IN ['asserted', 'disputed', 'denied']]-(y:Entity)){1,4}(b)
      UNWIND nodes(p) AS n
      RETURN n
      """
      columnName: "n"
    )
}
`;
