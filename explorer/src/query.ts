/**
 * The explorer's query: what GET /stats takes, held in the page's URL so
 * that a view is shared by link. The API key is never part of it.
 */
export const GROUPINGS = ['', 'hour', 'day', 'week', 'month'] as const;
export type Grouping = (typeof GROUPINGS)[number];
export const MEASURES = ['count', 'amount'] as const;
export type Measure = (typeof MEASURES)[number];

export interface ExploreQuery {
  from: string;
  to: string;
  /** Digits, or '' for every customer. */
  customerId: string;
  /** undefined for every type; '' is the type "". */
  type?: string;
  /** '' for one total per customer and type over the whole interval. */
  groupBy: Grouping;
  timeZone: string;
  /** What the chart draws; the page's own, not the API's. */
  measure: Measure;
}

const DAY_MS = 86_400_000;

/** The last 30 UTC days through today, per day: what the page opens on. */
export function defaultQuery(now: Date): ExploreQuery {
  const today = now.toISOString().slice(0, 10);
  const from = new Date(now.getTime() - 29 * DAY_MS).toISOString().slice(0, 10);
  return {
    from,
    to: today,
    customerId: '',
    groupBy: 'day',
    timeZone: 'UTC',
    measure: 'count',
  };
}

/**
 * The query a page URL's search holds, over the defaults. Values are
 * taken as they are: the API says what is wrong with them, once asked.
 */
export function queryFromSearch(search: string, now: Date): ExploreQuery {
  const params = new URLSearchParams(search);
  const query = defaultQuery(now);
  const text = (name: string) => params.get(name) ?? undefined;
  query.from = text('from') ?? query.from;
  query.to = text('to') ?? query.to;
  query.customerId = text('customerId') ?? '';
  query.type = text('type');
  const groupBy = params.get('groupBy');
  if (groupBy !== null) query.groupBy = groupBy as Grouping;
  query.timeZone = text('timeZone') || 'UTC';
  query.measure = params.get('measure') === 'amount' ? 'amount' : 'count';
  return query;
}

/** The page URL's search for a query: the API's parameters, and the measure. */
export function searchOf(query: ExploreQuery): string {
  const params = apiParams(query);
  if (query.measure !== 'count') params.set('measure', query.measure);
  return `?${params.toString()}`;
}

/** GET /stats's parameters for a query (no limit, no cursor). */
export function apiParams(query: ExploreQuery): URLSearchParams {
  const params = new URLSearchParams({ from: query.from, to: query.to });
  if (query.customerId !== '') params.set('customerId', query.customerId);
  if (query.type !== undefined) params.set('type', query.type);
  if (query.groupBy !== '') params.set('groupBy', query.groupBy);
  if (query.timeZone !== 'UTC') params.set('timeZone', query.timeZone);
  return params;
}
