/**
 * The seed story as an investigation: the entities of the path from Lei Jun to the Department
 * of Defense list, laid out left to right, that path selected, and two notes. Used by the
 * sample report under docs/ and by the report's browser test. Only ids from cypher/seed.cypher.
 */
export const SEED_STORY = {
  title: 'Xiaomi and the Department of Defense list',
  description:
    'How Xiaomi came to be placed on a US Department of Defense list, and what links its founder to a 2019 distinction from China’s Ministry of Industry and Information Technology.',
  canvas: {
    entities: [
      { id: 'person:lei-jun', x: 0, y: 120, pinned: true, hidden: false },
      { id: 'company:xiaomi', x: 260, y: 120, pinned: false, hidden: false },
      { id: 'list:us-dod-blacklist', x: 520, y: 120, pinned: false, hidden: false },
      { id: 'ministry:us-dod', x: 520, y: 0, pinned: false, hidden: false },
      { id: 'award:miit-2019-distinction', x: 130, y: 260, pinned: false, hidden: false },
      { id: 'ministry:cn-miit', x: 390, y: 260, pinned: false, hidden: false },
    ],
    filters: { kinds: [], linkTypes: [], statuses: [] },
    asOf: '2021-02-01',
    asOfRange: null,
    selectedPaths: [
      {
        entityIds: ['person:lei-jun', 'company:xiaomi', 'list:us-dod-blacklist'],
        linkIds: ['link:lei-jun-leads-xiaomi', 'link:xiaomi-listed-on-us-dod-blacklist'],
      },
    ],
    layout: { name: 'preset', zoom: 1, panX: 0, panY: 0 },
  },
  notes: [
    {
      target: 'INVESTIGATION' as const,
      targetId: null,
      markdown:
        'Open question: does the **listing notice** say why? Compare with the [Federal Register](https://www.federalregister.gov/).',
    },
    {
      target: 'ENTITY' as const,
      targetId: 'company:xiaomi',
      markdown: 'Xiaomi contested the listing in court; find the filing before publishing.',
    },
  ],
};
