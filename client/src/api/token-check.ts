/**
 * What a bearer token may do on a server, asked before the explorer keeps it (ui/token-box.ts).
 */
import { ApiError, type ApiOptions, createApi } from './graphql-api';

export type TokenCheck = 'write' | 'read-only' | 'unknown';

/** A judgement id that cannot exist: undoing it is the probe. */
const PROBE_ID = 'judgement:token-check';

/**
 * What `token` may do on the server at `endpoint`: a mutation that changes nothing (undoing a
 * judgement that cannot exist) is refused before it runs unless the token may write.
 */
export async function checkWriteToken(
  token: string,
  options: Pick<ApiOptions, 'endpoint' | 'fetch'> = {},
): Promise<TokenCheck> {
  const probe = createApi({ ...options, token: () => token });
  try {
    await probe.request('mutation TokenCheck($id: ID!) { undoJudgement(id: $id) { id } }', {
      id: PROBE_ID,
    });
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.code === 'UNAUTHENTICATED') return 'unknown';
    if (error.code === 'FORBIDDEN') return 'read-only';
    if (error.code === 'NOT_FOUND') return 'write';
    throw error;
  }
  throw new ApiError('the server undid a judgement that cannot exist; the token check failed');
}
