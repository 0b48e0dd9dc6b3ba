/**
 * The one place that owns the Neo4j driver and runs Cypher. Reads go through READ-routed managed
 * transactions (so a neo4j:// cluster spreads them over its members), every transaction gets a
 * timeout, and driver failures a caller can act on become domain errors.
 */
import neo4j, { type Driver, type Neo4jError, type RecordShape } from 'neo4j-driver';
import type { Neo4jConnection } from '../config';
import { TimeoutError, UnavailableError } from '../model/domain-errors';

export interface QueryEvent {
  cypher: string;
  mode: 'READ' | 'WRITE';
}

export interface Database {
  /** Runs one read query; rows come back as plain objects with JS numbers. */
  read<T extends RecordShape = RecordShape>(cypher: string, params?: object): Promise<T[]>;
  write<T extends RecordShape = RecordShape>(cypher: string, params?: object): Promise<T[]>;
  /**
   * Runs several statements in ONE managed write transaction: all commit or none. Small
   * statements that repeat keep their cached plans, where one combined statement would not.
   * `then`, when given, is called with their results and the statements it returns run next in
   * the same transaction; their results follow. (It may be called again if the transaction is
   * retried.)
   */
  writeAll(
    statements: readonly Statement[],
    then?: (results: RecordShape[][]) => readonly Statement[],
  ): Promise<RecordShape[][]>;
  /** Resolves when the server answers; rejects with the driver's error otherwise. */
  verify(): Promise<void>;
  /** Called for every query sent; tests use it to count round trips. */
  onQuery(listener: (event: QueryEvent) => void): () => void;
  close(): Promise<void>;
  readonly uri: string;
}

export interface Statement {
  cypher: string;
  params: object;
}

export interface DatabaseOptions {
  /** Upper bound of every transaction, in milliseconds. */
  queryTimeoutMs: number;
}

// Fail fast when the database is gone instead of retrying for the driver's default 30 s.
const DRIVER_CONFIG = {
  disableLosslessIntegers: true,
  connectionTimeout: 3_000,
  connectionAcquisitionTimeout: 5_000,
  maxTransactionRetryTime: 2_000,
  logging: { level: 'error' as const, logger: () => {} },
};

export function createDatabase(connection: Neo4jConnection, options: DatabaseOptions): Database {
  const driver: Driver = neo4j.driver(
    connection.uri,
    neo4j.auth.basic(connection.user, connection.password),
    DRIVER_CONFIG,
  );
  const listeners = new Set<(event: QueryEvent) => void>();

  async function run<T extends RecordShape>(
    mode: 'READ' | 'WRITE',
    cypher: string,
    params: object = {},
  ): Promise<T[]> {
    for (const listener of listeners) listener({ cypher, mode });
    try {
      const result = await driver.executeQuery(cypher, params as Record<string, unknown>, {
        routing: mode,
        database: connection.database,
        transactionConfig: { timeout: options.queryTimeoutMs },
      });
      return result.records.map((record) => record.toObject() as T);
    } catch (error) {
      throw mapDriverError(error);
    }
  }

  async function writeAll(
    statements: readonly Statement[],
    then?: (results: RecordShape[][]) => readonly Statement[],
  ): Promise<RecordShape[][]> {
    const session = driver.session({ database: connection.database });
    try {
      return await session.executeWrite(
        async (tx) => {
          // Sent back to back, not one at a time: the server still runs them in order, but
          // the driver packs the next statement while the server works on the one before.
          const runAll = async (list: readonly Statement[]) => {
            for (const { cypher } of list) {
              for (const listener of listeners) listener({ cypher, mode: 'WRITE' });
            }
            const results = await Promise.all(
              list.map(({ cypher, params }) => tx.run(cypher, params as Record<string, unknown>)),
            );
            return results.map((result) => result.records.map((record) => record.toObject()));
          };
          const first = await runAll(statements);
          const more = then?.(first) ?? [];
          return more.length > 0 ? [...first, ...(await runAll(more))] : first;
        },
        { timeout: options.queryTimeoutMs },
      );
    } catch (error) {
      throw mapDriverError(error);
    } finally {
      await session.close();
    }
  }

  return {
    uri: connection.uri,
    read: (cypher, params) => run('READ', cypher, params),
    write: (cypher, params) => run('WRITE', cypher, params),
    writeAll,
    async verify() {
      await driver.verifyConnectivity({ database: connection.database });
    },
    onQuery(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => driver.close(),
  };
}

const UNAVAILABLE_CODES = new Set(['ServiceUnavailable', 'SessionExpired']);

function isNeo4jError(error: unknown): error is Neo4jError {
  return error instanceof Error && typeof (error as Neo4jError).code === 'string';
}

/** Turns driver errors a caller can act on into domain errors; the rest pass unchanged. */
export function mapDriverError(error: unknown): unknown {
  if (!isNeo4jError(error)) return error;
  if (
    UNAVAILABLE_CODES.has(error.code) ||
    error.code === 'Neo.TransientError.General.DatabaseUnavailable'
  ) {
    return new UnavailableError();
  }
  if (error.code.startsWith('Neo.ClientError.Transaction.TransactionTimedOut')) {
    return new TimeoutError();
  }
  return error;
}
