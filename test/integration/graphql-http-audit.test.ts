import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/neo4j/database';
import { connectTestDatabase } from '../support/database';
import { listen, type RunningServer } from '../support/server';

let db: Database;
let running: RunningServer;

beforeAll(async () => {
  db = connectTestDatabase();
  running = await listen(db);
});

afterAll(async () => {
  await running.close();
  await db.close();
});

describe('GraphQL over HTTP compliance (graphql-http serverAudits)', () => {
  it('passes every MUST audit against the real server', async () => {
    const audits = serverAudits({ url: () => `${running.url}/graphql`, fetchFn: fetch });
    const failures: string[] = [];
    for (const audit of audits) {
      const result = await audit.fn();
      if (audit.name.startsWith('MUST') && result.status !== 'ok') {
        failures.push(`${audit.name}: ${result.reason}`);
      }
    }
    expect(audits.filter((a) => a.name.startsWith('MUST')).length).toBeGreaterThan(10);
    expect(failures).toEqual([]);
  });
});
