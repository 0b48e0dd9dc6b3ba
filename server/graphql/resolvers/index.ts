/** The resolver map; `requireResolversToMatchSchema: 'error'` checks it against the SDL. */
import { Citation, Entity, entityTypeResolvers } from './entity';
import { EntityKind, LinkStatus } from './enums';
import { Link, Source } from './link';
import { curationMutations } from './mutation/curation';
import { analyticsQueries } from './query/analytics';
import { graphQueries } from './query/graph';
import { lookupQueries } from './query/lookup';
import { DateScalar, DateTime, PartialDate } from './scalars';

export const resolvers = {
  PartialDate,
  Date: DateScalar,
  DateTime,
  EntityKind,
  LinkStatus,
  Entity,
  ...entityTypeResolvers,
  Citation,
  Link,
  Source,
  Query: { ...lookupQueries, ...graphQueries, ...analyticsQueries },
  Mutation: curationMutations,
};
