/** Per-request context: the database and request-scoped loaders (created fresh per request). */
import type { Database } from '../neo4j/database';
import { createLoaders, type Loaders } from './loaders';

export interface GraphQLContext {
  db: Database;
  loaders: Loaders;
}

export function createContext(db: Database): GraphQLContext {
  return { db, loaders: createLoaders(db) };
}
