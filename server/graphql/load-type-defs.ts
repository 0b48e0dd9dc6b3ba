/** Reads the SDL files in ./schema once, at start-up. */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ENTITY_KINDS } from '../model/vocabulary';

const SCHEMA_DIR = fileURLToPath(new URL('./schema/', import.meta.url));

/**
 * `identity` and `records` on every entity type (the interface declares it in matching.graphql), written from
 * the kinds so that a kind added to the vocabulary gets it without another SDL edit.
 */
function identityFields(): string {
  return ENTITY_KINDS.map(
    (kind) => `extend type ${kind} {\n  identity: Identity\n  records: [Entity!]!\n}`,
  ).join('\n');
}

export function loadTypeDefs(): string[] {
  const files = readdirSync(SCHEMA_DIR)
    .filter((name) => name.endsWith('.graphql'))
    .sort()
    .map((name) => readFileSync(`${SCHEMA_DIR}${name}`, 'utf8'));
  return [...files, identityFields()];
}
