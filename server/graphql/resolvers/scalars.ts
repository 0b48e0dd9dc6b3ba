/** PartialDate, Date and DateTime: strings on the wire, checked on the way in. */
import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { PARTIAL_DATE_FORMAT, parsePartialDate } from '../../model/partial-date';

function stringScalar(name: string, description: string, check: (value: string) => string | null) {
  const parse = (value: unknown): string => {
    if (typeof value !== 'string') {
      throw new GraphQLError(`${name} must be a string (${description}).`, {
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    const problem = check(value);
    if (problem) {
      throw new GraphQLError(`"${value}" is not a valid ${name}: ${problem}`, {
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    return value;
  };
  return new GraphQLScalarType<string, string>({
    name,
    description,
    serialize: (value) => String(value),
    parseValue: parse,
    parseLiteral: (ast: ValueNode) => parse(ast.kind === Kind.STRING ? ast.value : undefined),
  });
}

export const PartialDate = stringScalar('PartialDate', PARTIAL_DATE_FORMAT, (value) =>
  parsePartialDate(value) ? null : `use ${PARTIAL_DATE_FORMAT} with a real month and day.`,
);

export const DateScalar = stringScalar('Date', 'YYYY-MM-DD', (value) =>
  parsePartialDate(value)?.precision === 'day'
    ? null
    : 'use a real calendar day, YYYY-MM-DD (e.g. 2021-02-01).',
);

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export const DateTime = stringScalar('DateTime', 'ISO 8601 with a time zone', (value) =>
  DATE_TIME.test(value) && !Number.isNaN(Date.parse(value))
    ? null
    : 'use ISO 8601 with a time zone, e.g. 2026-11-26T08:30:00Z.',
);
