/**
 * GET /report/investigation/<id>: the evidence report as a file to save or print. The front door
 * rate-limits it like the API and adds the security headers; this answers with the report's own
 * strict policy (its inline CSS by hash, nothing else) and applies the same read rules as GraphQL.
 */
import type { AccessSettings } from '../config';
import { InvalidInputError } from '../model/domain-errors';
import { checkId } from '../model/input-checks';
import type { Database } from '../neo4j/database';
import { loadReport } from '../report/evidence-report';
import { REPORT_CSP, renderReport } from '../report/render-report';
import { accessProblem, createViewerResolver } from './auth';

export const REPORT_PREFIX = '/report/investigation/';

export interface RouteAnswer {
  status: number;
  /** HTML for a report; otherwise a GraphQL-shaped error body (JSON). */
  body: string;
  headers: Record<string, string>;
}

function failure(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): RouteAnswer {
  return { status, body: JSON.stringify({ errors: [{ message, extensions: { code } }] }), headers };
}

export type ReportRoute = (
  method: string | undefined,
  pathname: string,
  authorization: string | null,
) => Promise<RouteAnswer>;

export function createReportRoute(db: Database, access: AccessSettings): ReportRoute {
  const resolveViewer = createViewerResolver(access);
  return async (method, pathname, authorization) => {
    if (method !== 'GET' && method !== 'HEAD') {
      return failure(405, 'METHOD_NOT_ALLOWED', 'Reports are read with GET.', {
        allow: 'GET, HEAD',
      });
    }
    const problem = accessProblem(resolveViewer(authorization), 'query', access);
    if (problem) {
      const http = problem.extensions.http as
        | { status?: number; headers?: Record<string, string> }
        | undefined;
      return failure(
        http?.status ?? 401,
        String(problem.extensions.code),
        problem.message,
        http?.headers ?? {},
      );
    }
    let id: string;
    try {
      id = checkId('id', decodeURIComponent(pathname.slice(REPORT_PREFIX.length)));
    } catch (error) {
      return failure(
        400,
        'BAD_USER_INPUT',
        `The report address ends with an investigation id, which ${
          error instanceof InvalidInputError ? error.reason : 'is not readable.'
        }`,
      );
    }
    const data = await loadReport(db, id);
    if (!data) return failure(404, 'NOT_FOUND', `No investigation with id "${id}".`);
    return {
      status: 200,
      body: renderReport(data, new Date().toISOString()),
      headers: {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': `${REPORT_CSP}; frame-ancestors 'none'`,
        'content-disposition': `inline; filename="threadline-report.html"`,
      },
    };
  };
}
