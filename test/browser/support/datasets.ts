import { datesOf, DayMessage } from './seed';

/** The service's clock once seeded: settledThrough is then 2026-10-20. */
export const NOW = '2026-11-25T12:00:00.000Z';
/** The empty type and one a CSV must quote. */
export const TYPES = ['A', 'B', '', 'a,"b"'];
/** Customers of November beside customer 1: with theirs, more than one page. */
export const CROWD = Array.from({ length: 100 }, (_, i) => 100 + i);
/** A type a producer sent that looks like markup: the page must show it as text. */
export const MARKUP_TYPE = '<img src=x onerror="window.injected=1">';

/** Customer 1 on every day of 2026 to NOW, in TYPES. */
export function customerOneYear(): DayMessage[] {
  const all: DayMessage[] = [];
  datesOf('2026-01-01', '2026-11-25').forEach((date, day) =>
    TYPES.forEach((type, t) => {
      // Quiet days, several messages on some, and amounts whose float sum is not exact.
      for (let n = 0; n < (day * 7 + t * 3) % 4; n++) {
        all.push({
          customerId: 1,
          type,
          date,
          amount: ['0.100', '0.200', '12345678901.001'][(day + n) % 3],
        });
      }
    }),
  );
  return all;
}

/** The crowd on every day of November to NOW, in TYPES, some more than others. */
export function crowdOfNovember(): DayMessage[] {
  const all: DayMessage[] = [];
  for (const date of datesOf('2026-11-01', '2026-11-25')) {
    for (const customerId of CROWD) {
      TYPES.forEach((type, t) =>
        all.push({
          customerId,
          type,
          date,
          amount: `${(customerId + t) % 7}.${String((customerId * 31) % 1000).padStart(3, '0')}`,
        }),
      );
      // Some customers more than others, so that the top five are clear.
      if (customerId % 17 === 0)
        all.push({ customerId, type: 'A', date, amount: '1.000' });
    }
  }
  all.push({
    customerId: 100,
    type: MARKUP_TYPE,
    date: '2026-11-05',
    amount: '0.001',
  });
  return all;
}

/** How the chart names a type's line. */
export const label = (type: string) =>
  type === '' ? 'type ""' : `type ${type}`;
