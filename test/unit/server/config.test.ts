import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../server/config';

describe('loadConfig', () => {
  it('works with no environment at all: local database, port 4000', () => {
    const config = loadConfig({});
    expect(config.neo4j).toBeNull();
    expect(config.port).toBe(4000);
    expect(config.local.dataDir).toBe('.data/neo4j');
    expect(config.introspection).toBe(true);
  });

  it('uses NEO4J_URI and credentials when given, for bolt:// and neo4j:// alike', () => {
    for (const uri of ['bolt://db:7687', 'neo4j+s://abc.databases.neo4j.io']) {
      const config = loadConfig({ NEO4J_URI: uri, NEO4J_USER: 'reader', NEO4J_PASSWORD: 'pw' });
      expect(config.neo4j).toEqual({ uri, user: 'reader', password: 'pw', database: 'neo4j' });
    }
  });

  it('rejects a URI scheme the driver cannot use, naming the variable', () => {
    expect(() => loadConfig({ NEO4J_URI: 'http://localhost:7474' })).toThrow(ConfigError);
    expect(() => loadConfig({ NEO4J_URI: 'http://localhost:7474' })).toThrow(
      /NEO4J_URI must start with/,
    );
  });

  it('rejects a port out of range, saying what is allowed', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(
      'PORT must be an integer from 0 to 65535, got "70000".',
    );
  });
});
