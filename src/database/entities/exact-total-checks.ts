import type { ColumnTypes } from '../column-types';

/** The CHECK that refuses a total turned into a float, where a database needs it. */
export function exactTotalChecks(types: ColumnTypes, table: string) {
  return types.checkExactTotals
    ? [
        {
          name: `chk_${table}_exact_total`,
          expression: `typeof("total_amount_milli") = 'integer'`,
        },
      ]
    : [];
}
