/**
 * What can go wrong below the GraphQL layer, said in the domain's words. Data functions, the
 * database wrapper, the importer and the command-line tools throw and read these; the GraphQL
 * layer turns them into coded GraphQL errors in one place (server/errors.ts, `toGraphQLError`).
 */

export type DomainErrorKind =
  | 'NOT_FOUND'
  | 'INVALID_INPUT'
  | 'CONFLICT'
  | 'UNAVAILABLE'
  | 'TIMEOUT'
  | 'ANALYTICS_UNAVAILABLE';

export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;
  /** Facts a caller may act on (an id, the entity something was merged into). */
  readonly details: Record<string, unknown>;

  constructor(message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = new.target.name;
    this.details = details;
  }
}

/** No record with this id (a link to retract, an entity to read). */
export class NotFoundError extends DomainError {
  readonly kind = 'NOT_FOUND';

  constructor(
    readonly what: string,
    readonly id: string,
  ) {
    super(`No ${what} with id "${id}".`, { id });
  }
}

/** A value the write or read cannot take: `field` names where it is, `reason` what is wrong. */
export class InvalidInputError extends DomainError {
  readonly kind = 'INVALID_INPUT';

  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

/** The graph holds something the request contradicts, or changed while it ran. */
export class ConflictError extends DomainError {
  readonly kind = 'CONFLICT';
}

/** The database does not answer; trying again later may work. */
export class UnavailableError extends DomainError {
  readonly kind = 'UNAVAILABLE';

  constructor() {
    super('The graph database is not reachable right now; try again shortly.');
  }
}

/** A transaction ran past the configured timeout. */
export class TimeoutError extends DomainError {
  readonly kind = 'TIMEOUT';

  constructor() {
    super(
      'The request ran longer than the server allows and was stopped, writing nothing. Narrow a read (fewer hops, link types or a smaller limit); retry a write.',
    );
  }
}

/** The database lacks Neo4j Graph Data Science, which analytics need. */
export class AnalyticsUnavailableError extends DomainError {
  readonly kind = 'ANALYTICS_UNAVAILABLE';

  constructor() {
    super(
      'Graph analytics need Neo4j Graph Data Science, which this database does not have. Install the plugin (docs/api.md, "Analytics").',
    );
  }
}
