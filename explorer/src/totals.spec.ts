import { grandTotal, groupTotals } from './totals';

const item = (
  customerId: number,
  type: string,
  messageCount: number,
  totalAmount: string,
  date: string,
) => ({
  customerId,
  type,
  date,
  messageCount,
  totalAmount,
});

describe('group totals', () => {
  it('adds each customer and type over its periods, exactly, in the API order', () => {
    const rows = groupTotals([
      item(1, '', 1, '0.001', '2026-11-01'),
      item(1, '', 2, '0.002', '2026-11-02'),
      item(1, 'A', 3, '9007199254740992.000', '2026-11-01'),
      item(1, 'A', 4, '0.001', '2026-11-02'),
      item(2, 'A', 5, '1.000', '2026-11-01'),
    ]);
    expect(rows).toEqual([
      { customerId: 1, type: '', messageCount: 3n, totalAmount: '0.003' },
      {
        customerId: 1,
        type: 'A',
        messageCount: 7n,
        totalAmount: '9007199254740992.001',
      },
      { customerId: 2, type: 'A', messageCount: 5n, totalAmount: '1.000' },
    ]);
    expect(grandTotal(rows)).toEqual({
      messageCount: 15n,
      totalAmount: '9007199254740993.004',
    });
  });
});
