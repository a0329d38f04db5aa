/** GET /stats, as the page reads it: every page, in order. */
import type { components } from '../../examples/producer/api';

// The API's own types, generated from openapi.json (npm run client:check):
// a change to the contract that the page does not follow fails its typecheck.
type Schemas = components['schemas'];
export type StatsItem = Schemas['StatsItemDto'];
export type StatsPage = Schemas['StatsPageDto'];

/** An RFC 9457 problem, as the service words every error: what the page shows of it. */
export type Problem = Pick<
  Schemas['ProblemDetailsDto'],
  'status' | 'title' | 'detail' | 'errors'
>;

export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }
}

/** The largest page the API serves: the fewest round trips. */
export const PAGE_SIZE = 10_000;

/**
 * Every page of the answer, following nextCursor until it is null. The key
 * goes in the Authorization header only, never in the URL.
 */
export async function readAllPages(
  params: URLSearchParams,
  apiKey: string | undefined,
  signal: AbortSignal,
  onPage: (pages: readonly StatsPage[]) => void = () => undefined,
): Promise<StatsPage[]> {
  const pages: StatsPage[] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams(params);
    query.set('limit', String(PAGE_SIZE));
    if (cursor !== null) query.set('cursor', cursor);
    const response = await fetch(`stats?${query.toString()}`, {
      headers: {
        accept: 'application/json',
        ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
      },
      signal,
    });
    if (!response.ok) throw new ProblemError(await problemOf(response));
    const page = (await response.json()) as StatsPage;
    pages.push(page);
    onPage(pages);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return pages;
}

async function problemOf(response: Response): Promise<Problem> {
  const fallback: Problem = {
    status: response.status,
    title: response.statusText || `HTTP ${response.status}`,
  };
  try {
    const body = (await response.json()) as Partial<Problem>;
    return typeof body.title === 'string'
      ? { ...fallback, ...body, status: response.status }
      : fallback;
  } catch {
    return fallback;
  }
}
