import { apiParams, defaultQuery, queryFromSearch, searchOf } from './query';

const NOW = new Date('2026-12-05T10:00:00Z');

describe('the explorer query', () => {
  it('opens on the last 30 UTC days per day', () => {
    expect(defaultQuery(NOW)).toEqual({
      from: '2026-11-06',
      to: '2026-12-05',
      customerId: '',
      groupBy: 'day',
      timeZone: 'UTC',
      measure: 'count',
    });
  });

  it('round-trips through the URL, the empty type included', () => {
    const query = {
      from: '2026-01-01',
      to: '2026-12-31',
      customerId: '42',
      type: '',
      groupBy: 'month' as const,
      timeZone: 'Europe/Rome',
      measure: 'amount' as const,
    };
    expect(queryFromSearch(searchOf(query), NOW)).toEqual(query);
  });

  it('leaves out of the API parameters what the API defaults', () => {
    const params = apiParams({ ...defaultQuery(NOW), groupBy: '' });
    expect(params.toString()).toBe('from=2026-11-06&to=2026-12-05');
  });

  it('keeps the measure out of the API parameters and in the page URL', () => {
    const query = { ...defaultQuery(NOW), measure: 'amount' as const };
    expect(apiParams(query).has('measure')).toBe(false);
    expect(searchOf(query)).toContain('measure=amount');
  });

  it('passes values on as they are, for the API to judge', () => {
    const query = queryFromSearch('?from=2026-02-30&to=x&customerId=-1', NOW);
    expect(apiParams(query).toString()).toBe(
      'from=2026-02-30&to=x&customerId=-1&groupBy=day',
    );
  });
});
