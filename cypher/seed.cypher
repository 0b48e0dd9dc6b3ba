// The seed story: Xiaomi on the US Department of Defense list after its founder's 2019
// distinction (article ../shared/seed/000_7f02ebe2b3b51050.txt, kept whole below as evidence).
// Every entity and link MERGEs on its id, so running this twice leaves the same graph.
// Conventions: docs/model.md. Every excerpt is verbatim from the article (a test checks it).

// ---- The source --------------------------------------------------------------------------
MERGE (s:Source {id: 'source:article-xiaomi-dod-blacklist'})
SET s.title = 'Xiaomi’s placement on the US Department of Defense blacklist is confirmed. (first sentence; the article has no headline of its own)',
    s.kind = 'article',
    s.language = 'en',
    s.publisher = null,
    s.url = null,
    s.published = null,
    s.licence = 'quoted as evidence',
    s.text = 'Xiaomi’s placement on the US Department of Defense blacklist is confirmed. The distinction received in 2019 by the founder and CEO of the company for service to the Chinese communist model would have precipitated the decision.\n\nAuthorities in the United States blacklisted Xiaomi, considering the manufacturer to be a company with ties to military intelligence, after Lei Jun, CEO and founder of Xiaomi, was decorated for service to China.\n\nThis distinction, awarded every five years, was presented to him in 2019 by the Chinese Ministry of Industry and Information Technology, recognizing Lei Jun as one of the brilliant standard bearers of communism as conceived by the Chinese diet. Xiaomi had even taken care to highlight this decoration in the biography of its founder, on the company’s website and in its annual activity report. That year, 100 Chinese leaders had been decorated.\n\nAn honor that does not put Xiaomi in the party\n\nFor the military authorities across the Atlantic, this was enough to take measures to counter the brand’s breakthrough in the country, which, in addition to smartphones and connected gadgets, has strong ambitions in the mobility markets, of 5G and artificial intelligence. Xiaomi’s decision to invest $ 7.7 billion in 5G technologies over the next chandelier may have helped worry US officials. These sanctions will in particular prevent US companies from investing in the development of Xiaomi.\n\nThe manufacturer has repeatedly explained that it has no connection with the Chinese government, indicating that its business model is based solely on the sale of goods and services to the general public, under strict commercial use. This did not convince the authorities of Uncle Sam who have been working on this decision for several months. Xiaomi was officially placed on the Defense Ministry’s list of foreign companies to watch on January 14, a few days before Joe Biden succeeded Donald Trump. A decision that had precipitated the Xiaomi share price down on the Hong Kong Stock Exchange.';

// ---- Entities ----------------------------------------------------------------------------
MERGE (e:Entity {id: 'person:lei-jun'})
SET e:Person, e.kind = 'Person', e.name = 'Lei Jun', e.aliases = [],
    e.description = 'Founder and CEO of Xiaomi; decorated in 2019 by the Chinese Ministry of Industry and Information Technology.',
    e.searchText = 'Lei Jun', e.nameKey = 'lei jun',
    e.citationSourceIds = ['source:article-xiaomi-dod-blacklist'],
    e.citationExcerpts = ['Lei Jun, CEO and founder of Xiaomi, was decorated for service to China'],
    e.citationLocators = ['paragraph 2'];

MERGE (e:Entity {id: 'company:xiaomi'})
SET e:Company, e.kind = 'Company', e.name = 'Xiaomi', e.aliases = [],
    e.description = 'Manufacturer of smartphones and connected gadgets with ambitions in mobility, 5G and artificial intelligence.',
    e.searchText = 'Xiaomi', e.nameKey = 'xiaomi',
    e.citationSourceIds = ['source:article-xiaomi-dod-blacklist'],
    e.citationExcerpts = ['in addition to smartphones and connected gadgets, has strong ambitions in the mobility markets, of 5G and artificial intelligence'],
    e.citationLocators = ['paragraph 5'];

MERGE (e:Entity {id: 'ministry:cn-miit'})
SET e:Ministry, e.kind = 'Ministry', e.name = 'Ministry of Industry and Information Technology',
    e.aliases = ['Chinese Ministry of Industry and Information Technology'],
    e.description = 'Chinese ministry that presented Lei Jun with a distinction in 2019.',
    e.country = 'CN',
    e.searchText = 'Ministry of Industry and Information Technology\nChinese Ministry of Industry and Information Technology\nMIIT\nCMIIT',
    e.nameKey = 'ministry of industry and information technology',
    e.citationSourceIds = ['source:article-xiaomi-dod-blacklist'],
    e.citationExcerpts = ['the Chinese Ministry of Industry and Information Technology'],
    e.citationLocators = ['paragraph 3'];

MERGE (e:Entity {id: 'award:miit-2019-distinction'})
SET e:Award, e.kind = 'Award',
    e.name = 'Distinction for service to China (Ministry of Industry and Information Technology)',
    e.aliases = [],
    e.description = 'A distinction awarded every five years, recognising recipients as "brilliant standard bearers of communism"; the article does not give its official name. In 2019, 100 Chinese leaders were decorated.',
    e.recurrence = 'every five years',
    e.country = 'CN',
    e.searchText = 'Distinction for service to China (Ministry of Industry and Information Technology)\nDsCMIIT',
    e.nameKey = 'distinction for service to china ministry of industry and information technology',
    e.citationSourceIds = ['source:article-xiaomi-dod-blacklist', 'source:article-xiaomi-dod-blacklist', 'source:article-xiaomi-dod-blacklist'],
    e.citationExcerpts = ['This distinction, awarded every five years', 'recognizing Lei Jun as one of the brilliant standard bearers of communism as conceived by the Chinese diet', 'That year, 100 Chinese leaders had been decorated.'],
    e.citationLocators = ['paragraph 3', 'paragraph 3', 'paragraph 3'];

MERGE (e:Entity {id: 'ministry:us-dod'})
SET e:Ministry, e.kind = 'Ministry', e.name = 'US Department of Defense',
    e.aliases = ['Defense Ministry'],
    e.description = 'United States department whose blacklist Xiaomi was placed on.',
    e.country = 'US',
    e.searchText = 'US Department of Defense\nDefense Ministry\nUDD', e.nameKey = 'us department of defense',
    e.citationSourceIds = ['source:article-xiaomi-dod-blacklist'],
    e.citationExcerpts = ['the US Department of Defense blacklist'],
    e.citationLocators = ['paragraph 1'];

MERGE (e:Entity {id: 'list:us-dod-blacklist'})
SET e:GovernmentList, e.kind = 'GovernmentList', e.name = 'US Department of Defense blacklist',
    e.aliases = ['Defense Ministry’s list of foreign companies to watch'],
    e.description = 'A US Department of Defense list of foreign companies to watch; being on it prevents US companies from investing in the company.',
    e.country = 'US',
    e.searchText = 'US Department of Defense blacklist\nDefense Ministry’s list of foreign companies to watch\nUDDb\nDMlfcw',
    e.nameKey = 'us department of defense blacklist',
    e.citationSourceIds = ['source:article-xiaomi-dod-blacklist', 'source:article-xiaomi-dod-blacklist'],
    e.citationExcerpts = ['the Defense Ministry’s list of foreign companies to watch', 'These sanctions will in particular prevent US companies from investing in the development of Xiaomi.'],
    e.citationLocators = ['paragraph 6', 'paragraph 5'];

MERGE (e:Entity {id: 'person:joe-biden'})
SET e:Person, e.kind = 'Person', e.name = 'Joe Biden', e.aliases = [],
    e.description = 'Succeeded Donald Trump a few days after Xiaomi was listed.',
    e.searchText = 'Joe Biden', e.nameKey = 'joe biden',
    e.citationSourceIds = ['source:article-xiaomi-dod-blacklist'],
    e.citationExcerpts = ['a few days before Joe Biden succeeded Donald Trump'],
    e.citationLocators = ['paragraph 6'];

MERGE (e:Entity {id: 'person:donald-trump'})
SET e:Person, e.kind = 'Person', e.name = 'Donald Trump', e.aliases = [],
    e.description = 'Succeeded by Joe Biden a few days after Xiaomi was listed.',
    e.searchText = 'Donald Trump', e.nameKey = 'donald trump',
    e.citationSourceIds = ['source:article-xiaomi-dod-blacklist'],
    e.citationExcerpts = ['a few days before Joe Biden succeeded Donald Trump'],
    e.citationLocators = ['paragraph 6'];

MERGE (e:Entity {id: 'org:hong-kong-stock-exchange'})
SET e:Organization, e.kind = 'Organization', e.name = 'Hong Kong Stock Exchange', e.aliases = [],
    e.description = 'Stock exchange on which the Xiaomi share price fell after the listing decision.',
    e.searchText = 'Hong Kong Stock Exchange\nHKSE', e.nameKey = 'hong kong stock exchange',
    e.citationSourceIds = ['source:article-xiaomi-dod-blacklist'],
    e.citationExcerpts = ['the Xiaomi share price down on the Hong Kong Stock Exchange'],
    e.citationLocators = ['paragraph 6'];

MERGE (e:Entity {id: 'org:chinese-government'})
SET e:Organization, e.kind = 'Organization', e.name = 'Chinese government', e.aliases = [],
    e.description = 'The government of China as a whole, with which Xiaomi denies any connection.',
    e.country = 'CN',
    e.searchText = 'Chinese government', e.nameKey = 'chinese government',
    e.citationSourceIds = ['source:article-xiaomi-dod-blacklist'],
    e.citationExcerpts = ['it has no connection with the Chinese government'],
    e.citationLocators = ['paragraph 6'];

MERGE (e:Entity {id: 'topic:5g-technologies'})
SET e:Topic, e.kind = 'Topic', e.name = '5G technologies', e.aliases = ['5G'],
    e.description = 'Fifth-generation mobile network technologies, a field Xiaomi decided to invest in.',
    e.searchText = '5G technologies\n5G', e.nameKey = '5g technologies',
    e.citationSourceIds = ['source:article-xiaomi-dod-blacklist'],
    e.citationExcerpts = ['invest $ 7.7 billion in 5G technologies'],
    e.citationLocators = ['paragraph 5'];

// ---- Links -------------------------------------------------------------------------------
MATCH (a:Entity {id: 'person:lei-jun'}), (b:Entity {id: 'company:xiaomi'})
MERGE (a)-[r:FOUNDED {id: 'link:lei-jun-founded-xiaomi'}]->(b)
SET r.status = 'asserted', r.since = null, r.until = null, r.on = null,
    r.validFrom = null, r.validTo = null,
    r.citationSourceIds = ['source:article-xiaomi-dod-blacklist', 'source:article-xiaomi-dod-blacklist'],
    r.citationExcerpts = ['Lei Jun, CEO and founder of Xiaomi', 'The distinction received in 2019 by the founder and CEO of the company'],
    r.citationLocators = ['paragraph 2', 'paragraph 1'];

MATCH (a:Entity {id: 'person:lei-jun'}), (b:Entity {id: 'company:xiaomi'})
MERGE (a)-[r:LEADS {id: 'link:lei-jun-leads-xiaomi'}]->(b)
SET r.status = 'asserted', r.role = 'CEO', r.since = null, r.until = null, r.on = null,
    r.validFrom = null, r.validTo = null,
    r.note = 'The article gives no start date for his role as CEO.',
    r.citationSourceIds = ['source:article-xiaomi-dod-blacklist'],
    r.citationExcerpts = ['Lei Jun, CEO and founder of Xiaomi'],
    r.citationLocators = ['paragraph 2'];

MATCH (a:Entity {id: 'person:lei-jun'}), (b:Entity {id: 'award:miit-2019-distinction'})
MERGE (a)-[r:RECEIVED {id: 'link:lei-jun-received-miit-2019-distinction'}]->(b)
SET r.status = 'asserted', r.since = null, r.until = null, r.on = '2019',
    r.validFrom = '2019-01-01', r.validTo = null,
    r.citationSourceIds = ['source:article-xiaomi-dod-blacklist', 'source:article-xiaomi-dod-blacklist'],
    r.citationExcerpts = ['This distinction, awarded every five years, was presented to him in 2019 by the Chinese Ministry of Industry and Information Technology', 'Xiaomi had even taken care to highlight this decoration in the biography of its founder'],
    r.citationLocators = ['paragraph 3', 'paragraph 3'];

MATCH (a:Entity {id: 'award:miit-2019-distinction'}), (b:Entity {id: 'ministry:cn-miit'})
MERGE (a)-[r:CONFERRED_BY {id: 'link:miit-2019-distinction-conferred-by-miit'}]->(b)
SET r.status = 'asserted', r.since = null, r.until = null, r.on = '2019',
    r.validFrom = '2019-01-01', r.validTo = null,
    r.note = 'The date is the 2019 presentation to Lei Jun; the article says the distinction is awarded every five years.',
    r.citationSourceIds = ['source:article-xiaomi-dod-blacklist'],
    r.citationExcerpts = ['was presented to him in 2019 by the Chinese Ministry of Industry and Information Technology'],
    r.citationLocators = ['paragraph 3'];

MATCH (a:Entity {id: 'ministry:us-dod'}), (b:Entity {id: 'list:us-dod-blacklist'})
MERGE (a)-[r:MAINTAINS {id: 'link:us-dod-maintains-us-dod-blacklist'}]->(b)
SET r.status = 'asserted', r.since = null, r.until = null, r.on = null,
    r.validFrom = null, r.validTo = null,
    r.citationSourceIds = ['source:article-xiaomi-dod-blacklist', 'source:article-xiaomi-dod-blacklist'],
    r.citationExcerpts = ['the US Department of Defense blacklist', 'the Defense Ministry’s list of foreign companies to watch'],
    r.citationLocators = ['paragraph 1', 'paragraph 6'];

MATCH (a:Entity {id: 'company:xiaomi'}), (b:Entity {id: 'list:us-dod-blacklist'})
MERGE (a)-[r:LISTED_ON {id: 'link:xiaomi-listed-on-us-dod-blacklist'}]->(b)
SET r.status = 'asserted', r.since = '2021-01-14', r.until = null, r.on = null,
    r.validFrom = '2021-01-14', r.validTo = null,
    r.reason = 'Considered a company with ties to military intelligence; the 2019 distinction of its founder and CEO reportedly precipitated the decision.',
    r.note = 'The article gives the day (January 14) but not the year; 2021 follows from "a few days before Joe Biden succeeded Donald Trump".',
    r.citationSourceIds = ['source:article-xiaomi-dod-blacklist', 'source:article-xiaomi-dod-blacklist', 'source:article-xiaomi-dod-blacklist'],
    r.citationExcerpts = ['Xiaomi was officially placed on the Defense Ministry’s list of foreign companies to watch on January 14, a few days before Joe Biden succeeded Donald Trump', 'Authorities in the United States blacklisted Xiaomi, considering the manufacturer to be a company with ties to military intelligence', 'The distinction received in 2019 by the founder and CEO of the company for service to the Chinese communist model would have precipitated the decision.'],
    r.citationLocators = ['paragraph 6', 'paragraph 2', 'paragraph 1'];

MATCH (a:Entity {id: 'person:joe-biden'}), (b:Entity {id: 'person:donald-trump'})
MERGE (a)-[r:SUCCEEDED {id: 'link:joe-biden-succeeded-donald-trump'}]->(b)
SET r.status = 'asserted', r.since = null, r.until = null, r.on = '2021-01',
    r.validFrom = '2021-01-01', r.validTo = null,
    r.note = 'The article names no office and no date; "a few days" after 14 January 2021 puts it in January 2021.',
    r.citationSourceIds = ['source:article-xiaomi-dod-blacklist'],
    r.citationExcerpts = ['on January 14, a few days before Joe Biden succeeded Donald Trump'],
    r.citationLocators = ['paragraph 6'];

MATCH (a:Entity {id: 'company:xiaomi'}), (b:Entity {id: 'org:hong-kong-stock-exchange'})
MERGE (a)-[r:LISTED_ON_EXCHANGE {id: 'link:xiaomi-listed-on-exchange-hong-kong-stock-exchange'}]->(b)
SET r.status = 'asserted', r.since = null, r.until = null, r.on = null,
    r.validFrom = null, r.validTo = null,
    r.citationSourceIds = ['source:article-xiaomi-dod-blacklist'],
    r.citationExcerpts = ['A decision that had precipitated the Xiaomi share price down on the Hong Kong Stock Exchange.'],
    r.citationLocators = ['paragraph 6'];

MATCH (a:Entity {id: 'company:xiaomi'}), (b:Entity {id: 'topic:5g-technologies'})
MERGE (a)-[r:INVESTS_IN {id: 'link:xiaomi-invests-in-5g-technologies'}]->(b)
SET r.status = 'asserted', r.since = null, r.until = null, r.on = null,
    r.validFrom = null, r.validTo = null,
    r.amount = 7.7e9, r.currency = 'USD', r.field = '5G technologies',
    r.note = 'A decision to invest, over a period the article gives only as "the next chandelier" (likely a mistranslation of a five-year period).',
    r.citationSourceIds = ['source:article-xiaomi-dod-blacklist'],
    r.citationExcerpts = ['Xiaomi’s decision to invest $ 7.7 billion in 5G technologies over the next chandelier may have helped worry US officials.'],
    r.citationLocators = ['paragraph 5'];

MATCH (a:Entity {id: 'company:xiaomi'}), (b:Entity {id: 'org:chinese-government'})
MERGE (a)-[r:AFFILIATED_WITH {id: 'link:xiaomi-affiliated-with-chinese-government'}]->(b)
SET r.status = 'denied', r.since = null, r.until = null, r.on = null,
    r.validFrom = null, r.validTo = null,
    r.note = 'A claim Xiaomi denies; US authorities were not convinced by the denial.',
    r.citationSourceIds = ['source:article-xiaomi-dod-blacklist', 'source:article-xiaomi-dod-blacklist'],
    r.citationExcerpts = ['The manufacturer has repeatedly explained that it has no connection with the Chinese government', 'This did not convince the authorities of Uncle Sam who have been working on this decision for several months.'],
    r.citationLocators = ['paragraph 6', 'paragraph 6'];
