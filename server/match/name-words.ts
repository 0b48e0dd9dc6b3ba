/**
 * The word lists the matcher folds or down-weights. Decisions (see docs/model.md, "Matching"):
 *
 * - Legal-form words say what kind of registration a body has, not which body it is, and the
 *   lists write them every which way ("Co., Ltd.", "Company, Limited", "Corp"). They are dropped.
 * - "Group" and "Holding(s)" are NOT legal forms here: in the lists they name the parent of a
 *   same-named company ("China Communications Construction Group" owns "... Company Limited";
 *   "Huawei Investment & Holding" owns "Huawei Technologies"). Folding them would make parent and
 *   subsidiary one name, so they stay ordinary tokens.
 * - Generic words ("technology", "china", "university") and places ("Beijing", "Hong Kong") are
 *   kept but weigh less: two names sharing only them share little.
 */

/** Single tokens (after folding) that are legal forms. */
export const LEGAL_FORM_TOKENS: ReadonlySet<string> = new Set([
  'co',
  'company',
  'companies',
  'corp',
  'corporation',
  'inc',
  'incorporated',
  'ltd',
  'limited',
  'llc',
  'lp',
  'llp',
  'plc',
  'jsc',
  'pjsc',
  'ojsc',
  'cjsc',
  'pao',
  'oao',
  'zao',
  'ooo',
  'gmbh',
  'ag',
  'sa',
  'slu',
  'sl',
  'srl',
  'spa',
  'bv',
  'nv',
  'pty',
  'pte',
  'kk',
]);

/** Multi-word legal forms, folded before tokenising (they are phrases, not single words). */
export const LEGAL_FORM_PHRASES: readonly string[] = [
  'joint stock company',
  'public joint stock company',
  'open joint stock company',
  'closed joint stock company',
  'limited liability company',
  'societe anonyme',
];

/** Chinese legal-form suffixes, longest first so the longest one is removed. */
export const CJK_LEGAL_FORMS: readonly string[] = [
  '股份有限公司',
  '有限责任公司',
  '有限公司',
  '公司',
];

/** Words that carry no identity at all. */
export const STOP_TOKENS: ReadonlySet<string> = new Set([
  'the',
  'of',
  'and',
  'for',
  'at',
  'in',
  'on',
  'a',
  'an',
  'named',
  'after',
  'na',
  'im',
]);

/** Words many different bodies share; they count for little on their own. */
export const GENERIC_TOKENS: ReadonlySet<string> = new Set([
  'china',
  'chinese',
  'technology',
  'tech',
  'science',
  'scientific',
  'international',
  'industry',
  'industrial',
  'information',
  'electronic',
  'electronics',
  'communication',
  'engineering',
  'research',
  'institute',
  'institution',
  'university',
  'academy',
  'college',
  'school',
  'center',
  'centre',
  'national',
  'state',
  'federal',
  'system',
  'development',
  'digital',
  'energy',
  'aviation',
  'aerospace',
  'network',
  'russian',
  'military',
  'force',
  'army',
  'naval',
  'navy',
  'air',
]);

/**
 * Places that qualify a name ("SMIC (Beijing)", "China Unicom (Hong Kong)"). Chinese companies
 * often carry their province or city in the registered name and drop it in English use
 * ("Zhejiang Dahua" / "Dahua"), so a place on one side only is weak evidence of a difference;
 * in brackets it marks a regional body and counts as a conflict (see score.ts).
 */
export const PLACE_TOKENS: ReadonlySet<string> = new Set([
  'beijing',
  'shanghai',
  'tianjin',
  'chongqing',
  'shenzhen',
  'guangzhou',
  'hangzhou',
  'nanjing',
  'wuhan',
  'chengdu',
  'xian',
  'harbin',
  'shenyang',
  'changchun',
  'hefei',
  'xiamen',
  'zhejiang',
  'jiangsu',
  'guangdong',
  'fujian',
  'sichuan',
  'hubei',
  'hunan',
  'anhui',
  'shandong',
  'henan',
  'hebei',
  'jiangxi',
  'guizhou',
  'yunnan',
  'shaanxi',
  'shanxi',
  'liaoning',
  'jilin',
  'heilongjiang',
  'hong',
  'kong',
  'macau',
  'taiwan',
  'usa',
  'us',
  'america',
  'americas',
  'europe',
  'bvi',
  'moscow',
  'siberian',
  'south',
  'north',
  'northern',
  'southern',
  'east',
  'west',
  'central',
]);
