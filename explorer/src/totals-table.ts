import type { StatsItem } from './stats-client';
import { grandTotal, groupTotals } from './totals';

/** The table of the answer's groups: each customer and type with its totals, and their sum. */
export function totalsTable(items: readonly StatsItem[]): HTMLTableElement {
  const rows = groupTotals(items);
  const table = document.createElement('table');
  table.id = 'totals-table';
  table.createCaption().textContent = 'Totals per customer and type';
  const head = table.createTHead().insertRow();
  for (const [name, numeric] of [
    ['Customer', true],
    ['Type', false],
    ['Messages', true],
    ['Total amount', true],
  ] as const) {
    const cell = document.createElement('th');
    cell.scope = 'col';
    cell.textContent = name;
    if (numeric) cell.className = 'number';
    head.append(cell);
  }
  const body = table.createTBody();
  for (const row of rows) {
    const line = body.insertRow();
    const customer = document.createElement('th');
    customer.scope = 'row';
    customer.className = 'number';
    customer.textContent = String(row.customerId);
    line.append(customer);
    // Text, never markup: a type is whatever a producer sent.
    const type = line.insertCell();
    type.textContent = row.type === '' ? '""' : row.type;
    if (row.type === '') type.className = 'empty-type';
    numberCell(line, row.messageCount.toString());
    numberCell(line, row.totalAmount);
  }
  const total = grandTotal(rows);
  const foot = table.createTFoot().insertRow();
  const label = document.createElement('th');
  label.scope = 'row';
  label.colSpan = 2;
  label.textContent = `Total (${rows.length} ${rows.length === 1 ? 'group' : 'groups'})`;
  foot.append(label);
  numberCell(foot, total.messageCount.toString());
  numberCell(foot, total.totalAmount);
  return table;
}

function numberCell(row: HTMLTableRowElement, text: string): void {
  const cell = row.insertCell();
  cell.className = 'number';
  cell.textContent = text;
}
