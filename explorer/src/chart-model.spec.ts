import { chartModel, OTHERS } from './chart-model';
import type { StatsItem, StatsPage } from './stats-client';

const answer = (
  items: StatsItem[],
  settledThrough: string | null = null,
): StatsPage[] => [
  {
    from: '2026-11-01',
    to: '2026-11-03',
    timeZone: 'UTC',
    items,
    nextCursor: null,
    settledThrough,
  },
];
const item = (
  customerId: number,
  type: string,
  date: string,
  messageCount: number,
  totalAmount = '0.000',
) => ({
  customerId,
  type,
  date,
  messageCount,
  totalAmount,
});

describe('the chart model', () => {
  it('draws one customer as a line per type, quiet days as zeros', () => {
    const model = chartModel(
      answer(
        [
          item(1, 'A', '2026-11-01', 2, '0.024'),
          item(1, 'B', '2026-11-03', 1, '5.000'),
        ],
        '2026-11-01',
      ),
      'day',
      'count',
    );
    expect(model.labels).toEqual(['2026-11-01', '2026-11-02', '2026-11-03']);
    expect(model.series).toEqual([
      { label: 'type A', counts: [2n, 0n, 0n], milli: [24n, 0n, 0n] },
      { label: 'type B', counts: [0n, 0n, 1n], milli: [0n, 0n, 5000n] },
    ]);
    expect(model.settled).toEqual([true, false, false]);
  });

  it('draws the customers with the most as their own lines and adds up the rest', () => {
    const items = [1, 2, 3, 4, 5, 6, 7].map((customer) =>
      item(customer, 'A', '2026-11-02', customer),
    );
    const model = chartModel(answer(items), 'day', 'count');
    expect(model.series.map((line) => line.label)).toEqual([
      'customer 7',
      'customer 6',
      'customer 5',
      'customer 4',
      'customer 3',
      OTHERS,
    ]);
    expect(model.series.at(-1)!.counts).toEqual([0n, 3n, 0n]);
  });

  it('ranks customers by amount when the chart draws amounts', () => {
    const items = [
      item(1, 'A', '2026-11-01', 100, '0.001'),
      ...[2, 3, 4, 5, 6].map((customer) =>
        item(customer, 'A', '2026-11-01', 1, '1.000'),
      ),
    ];
    const model = chartModel(answer(items), 'day', 'amount');
    expect(model.series.map((line) => line.label)).not.toContain('customer 1');
  });
});
