/** Field resolvers shared by every entity type, plus the kind-specific and provenance fields. */
import type { GraphQLResolveInfo } from 'graphql';
import type { Direction, LinksQuery } from '../../data/links';
import { LIMITS } from '../../model/limits';
import type { CitationRecord, EntityRecord, LinkRecord } from '../../model/types';
import { ENTITY_KINDS, KIND_PROPERTIES, LINK_TYPES, type LinkType } from '../../model/vocabulary';
import { enumSet, intInRange } from '../arguments';
import type { GraphQLContext } from '../context';
import type { Loaders } from '../loaders';
import { entityLinksArguments, nestedLinksArguments } from '../lookahead';

interface LinksArgs {
  types?: LinkType[] | null;
  /** Null when a client sends `direction: null` explicitly; it means the default. */
  direction?: Direction | null;
  asOf?: string | null;
  first?: number | null;
}

const PROVENANCE = ['createdAt', 'createdBy', 'updatedAt', 'updatedBy'];

function propertyResolver(name: string) {
  return (entity: EntityRecord) => entity.properties[name] ?? null;
}

function linksQuery(args: LinksArgs): LinksQuery {
  return {
    types: enumSet('types', args.types, LINK_TYPES),
    direction: args.direction ?? 'BOTH',
    asOf: args.asOf ?? null,
    first: intInRange('first', args.first, LIMITS.linksFirst),
  };
}

/** The query for looked-ahead arguments; null if they are bad (their resolver reports it). */
function usableLinksQuery(args: Record<string, unknown> | null): LinksQuery | null {
  if (!args) return null;
  try {
    return linksQuery(args as unknown as LinksArgs);
  } catch {
    return null;
  }
}

/** The query of a `links` selection one level down, when it is usable as a prefetch. */
function nestedLinksQuery(info: GraphQLResolveInfo): LinksQuery | null {
  return usableLinksQuery(nestedLinksArguments(info));
}

/**
 * Starts loading the links that `entity(id) { links … }` will ask for while the entity itself
 * loads, so the request's two round trips run side by side; the `links` resolver then finds
 * them in its loader. Nothing is started unless the selection names one set of arguments.
 */
export function prefetchEntityLinks(id: string, loaders: Loaders, info: GraphQLResolveInfo) {
  const ahead = entityLinksArguments(info);
  const query = usableLinksQuery(ahead?.links ?? null);
  if (!ahead || !query) return;
  // A failure reaches the `links` resolver through the same cached load; none is lost here.
  loaders
    .linksOf(query, usableLinksQuery(ahead.nested))
    .load(id)
    .catch(() => {});
}

const sharedFields = {
  citations: (entity: EntityRecord): CitationRecord[] => entity.citations,
  // Batched: a list of N entities costs one query. A joined view asks by its first record.
  identity: (entity: EntityRecord, _args: unknown, { loaders }: GraphQLContext) =>
    loaders.identity.load(entity.records?.[0]?.id ?? entity.id),
  records: (entity: EntityRecord) => entity.records ?? [entity],
  /** A joined view's links are its records' links, each as written, newest first. */
  async links(
    entity: EntityRecord,
    args: LinksArgs,
    { loaders }: GraphQLContext,
    info: GraphQLResolveInfo,
  ) {
    const query = linksQuery(args);
    const loader = loaders.linksOf(query, nestedLinksQuery(info));
    const found = await Promise.all((entity.records ?? [entity]).map((r) => loader.load(r.id)));
    if (found.length === 1) return found[0]?.links ?? [];
    const links = [...new Map(found.flatMap((f) => f.links).map((l) => [l.id, l])).values()];
    const when = (l: LinkRecord) => l.validFrom ?? l.validTo ?? '';
    links.sort((a, b) => when(b).localeCompare(when(a)) || (a.id < b.id ? -1 : 1));
    return links.slice(0, query.first);
  },
};

/** One resolver map per kind type: Person, Company, ... (GraphQL type names are the labels). */
export const entityTypeResolvers = Object.fromEntries(
  ENTITY_KINDS.map((kind) => [
    kind,
    {
      ...sharedFields,
      ...Object.fromEntries(
        [...KIND_PROPERTIES[kind], ...PROVENANCE].map((name) => [name, propertyResolver(name)]),
      ),
    },
  ]),
);

export const Entity = {
  __resolveType: (entity: EntityRecord) => entity.kind,
};

export const Citation = {
  source(citation: CitationRecord, _args: unknown, { loaders }: GraphQLContext) {
    return (
      loaders.primed.sources.get(citation.sourceId) ??
      loaders.source.load(citation.sourceId).then((source) => {
        if (!source) throw new Error(`Citation points at a missing source ${citation.sourceId}.`);
        return source;
      })
    );
  },
};
