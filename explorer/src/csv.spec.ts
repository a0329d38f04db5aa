import { csvOf } from './csv';
import type { StatsPage } from './stats-client';

const page = (
  items: StatsPage['items'],
  nextCursor: string | null,
): StatsPage => ({
  from: '2026-11-01',
  to: '2026-11-30',
  timeZone: 'UTC',
  items,
  nextCursor,
  settledThrough: null,
});

describe('the CSV of an answer', () => {
  it('holds every page in order, with the period column the answer has', () => {
    const csv = csvOf([
      page(
        [
          {
            customerId: 1,
            type: 'A',
            date: '2026-11-01',
            messageCount: 2,
            totalAmount: '0.024',
          },
        ],
        'next',
      ),
      page(
        [
          {
            customerId: 2,
            type: 'B',
            date: '2026-11-02',
            messageCount: 1,
            totalAmount: '1.000',
          },
        ],
        null,
      ),
    ]);
    expect(csv).toBe(
      'customerId,type,date,messageCount,totalAmount\r\n' +
        '1,A,2026-11-01,2,0.024\r\n' +
        '2,B,2026-11-02,1,1.000\r\n',
    );
  });

  it('quotes a type with a comma, a quote or a line break, and keeps it whole', () => {
    const csv = csvOf([
      page(
        [
          {
            customerId: 1,
            type: 'a,"b"\nc',
            messageCount: 1,
            totalAmount: '0.000',
          },
        ],
        null,
      ),
    ]);
    expect(csv).toBe(
      'customerId,type,messageCount,totalAmount\r\n1,"a,""b""\nc",1,0.000\r\n',
    );
  });

  it('writes the header alone for an empty answer', () => {
    expect(csvOf([page([], null)])).toBe(
      'customerId,type,messageCount,totalAmount\r\n',
    );
  });
});
