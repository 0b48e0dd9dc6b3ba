/** The resolver map; `requireResolversToMatchSchema: 'error'` checks it against the SDL. */
import { Citation, Entity, entityTypeResolvers } from './entity';
import { EntityKind, LinkStatus } from './enums';
import { changesQueries } from './investigation/changes';
import {
  Investigation,
  investigationMutations,
  investigationQueries,
} from './investigation/investigations';
import { investigationNotes, Note, noteMutations } from './investigation/notes';
import { Link, Source } from './link';
import { curationMutations } from './mutation/curation';
import { judgementMutations } from './mutation/judgements';
import { analyticsQueries } from './query/analytics';
import { graphQueries } from './query/graph';
import { lookupQueries } from './query/lookup';
import { matchingQueries, matchingTypes } from './query/matching';
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
  ...matchingTypes,
  Investigation: { ...Investigation, ...investigationNotes },
  Note,
  Query: {
    ...lookupQueries,
    ...graphQueries,
    ...analyticsQueries,
    ...matchingQueries,
    ...investigationQueries,
    ...changesQueries,
  },
  Mutation: {
    ...curationMutations,
    ...judgementMutations,
    ...investigationMutations,
    ...noteMutations,
  },
};
