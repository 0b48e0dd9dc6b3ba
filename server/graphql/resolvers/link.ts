/** Link and Source field resolvers. */
import { isValidOn } from '../../data/link-filter';
import type { LinkRecord, SourceRecord } from '../../model/types';
import { LINK_TYPE_PROPERTIES, LINK_TYPES } from '../../model/vocabulary';
import type { GraphQLContext } from '../context';

const TYPE_SPECIFIC = [...new Set(LINK_TYPES.flatMap((t) => LINK_TYPE_PROPERTIES[t]))];
const PROVENANCE = [
  'note',
  'createdAt',
  'createdBy',
  'updatedAt',
  'updatedBy',
  'retractedAt',
  'retractedBy',
  'retractionReason',
];

function end(id: string, { loaders }: GraphQLContext) {
  return (
    loaders.primed.entities.get(id) ??
    loaders.entity.load(id).then((entity) => {
      if (!entity) throw new Error(`Link end ${id} is missing.`);
      return entity;
    })
  );
}

export const Link = {
  from: (link: LinkRecord, _args: unknown, context: GraphQLContext) => end(link.fromId, context),
  to: (link: LinkRecord, _args: unknown, context: GraphQLContext) => end(link.toId, context),
  validOn: (link: LinkRecord, args: { date: string }) => isValidOn(link, args.date),
  ...Object.fromEntries(
    [...TYPE_SPECIFIC, ...PROVENANCE].map((name) => [
      name,
      (link: LinkRecord) => link.properties[name] ?? null,
    ]),
  ),
};

export const Source = {
  async text(source: SourceRecord, _args: unknown, { loaders }: GraphQLContext) {
    return source.text !== undefined ? source.text : loaders.sourceText.load(source.id);
  },
};
