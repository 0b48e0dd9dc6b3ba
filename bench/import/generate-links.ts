/**
 * A deterministic (seeded) CSV of ownership links between generated companies, for the importer's
 * benchmark against LOAD CSV and for the kill-and-re-run test. Same seed and size, same file, on
 * every machine. Columns: link_id, owner_id, owner_name, company_id, company_name, share, since,
 * until (10% of periods have ended).
 */

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

export const LINKS_MAPPING = new URL('./links.mapping.json', import.meta.url).pathname;

/** mulberry32: small, fast, and the same sequence everywhere for a seed. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  'Nordic',
  'Harbour',
  'Summit',
  'Delta',
  'Crescent',
  'Pioneer',
  'Atlas',
  'Lotus',
  'Granite',
  'Meridian',
];
const SUFFIXES = ['Ltd', 'AB', 'GmbH', 'S.A.', 'Holdings', 'Group', 'Co., Ltd.'];

export interface GeneratedLinks {
  rows: number;
  /** Distinct company ids that occur in the file. */
  companies: number;
}

function companyName(id: number): string {
  return `${WORDS[id % WORDS.length]} ${WORDS[Math.floor(id / 10) % WORDS.length]} ${id} ${SUFFIXES[id % SUFFIXES.length]}`;
}

const csvCell = (value: string) =>
  /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;

export async function generateLinks(
  file: string,
  rows: number,
  seed = 1260,
): Promise<GeneratedLinks> {
  const random = seededRandom(seed);
  const companyCount = Math.max(2, Math.floor(rows / 5));
  const used = new Set<number>();
  const out = createWriteStream(file);
  out.write('link_id,owner_id,owner_name,company_id,company_name,share,since,until\n');
  for (let i = 0; i < rows; i++) {
    const owner = Math.floor(random() * companyCount);
    let company = Math.floor(random() * companyCount);
    if (company === owner) company = (company + 1) % companyCount;
    used.add(owner);
    used.add(company);
    const year = 1990 + Math.floor(random() * 35);
    const month = 1 + Math.floor(random() * 12);
    const since = random() < 0.5 ? String(year) : `${year}-${String(month).padStart(2, '0')}`;
    const until = random() < 0.1 ? String(year + 1 + Math.floor(random() * 5)) : '';
    const share = (1 + Math.floor(random() * 1000) / 10).toFixed(1);
    const line = [
      `L${i}`,
      `C${owner}`,
      companyName(owner),
      `C${company}`,
      companyName(company),
      share,
      since,
      until,
    ]
      .map(csvCell)
      .join(',');
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return { rows, companies: used.size };
}
