/**
 * The explorer page: the form, held in the URL; the key, held in the tab;
 * the answer, drawn, tabled and offered as CSV.
 */
import type uPlot from 'uplot';
import { chartTable, drawChart, periodName } from './chart';
import { chartModel, ChartModel, TOP_CUSTOMERS } from './chart-model';
import { csvOf } from './csv';
import { tooManyPeriods } from './periods';
import {
  apiParams,
  ExploreQuery,
  Grouping,
  Measure,
  queryFromSearch,
  searchOf,
} from './query';
import { ProblemError, readAllPages, StatsPage } from './stats-client';
import { grandTotal, groupTotals } from './totals';

const KEY_STORAGE = 'message-stats.api-key';
const FIELDS = ['from', 'to', 'customerId', 'type', 'groupBy', 'timeZone'];

const byId = <T extends HTMLElement>(id: string) =>
  document.getElementById(id) as T;
const form = byId<HTMLFormElement>('query-form');
const input = (name: string) =>
  form.elements.namedItem(name) as HTMLInputElement;
const authRequired =
  document.querySelector<HTMLMetaElement>('meta[name="message-stats-auth"]')
    ?.content === 'required';

let running: AbortController | undefined;
let chart: uPlot | undefined;
let shown: { pages: StatsPage[]; query: ExploreQuery } | undefined;

function apiKey(): string | undefined {
  return sessionStorage.getItem(KEY_STORAGE) ?? undefined;
}

function setUpKeyForm(): void {
  const keyForm = byId<HTMLFormElement>('key-form');
  keyForm.hidden = !authRequired;
  const state = byId('key-state');
  const field = byId<HTMLInputElement>('api-key');
  const describe = () => {
    state.textContent = apiKey()
      ? 'A key is set for this tab.'
      : 'No key is set yet.';
  };
  keyForm.addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem(KEY_STORAGE, field.value.trim());
    field.value = '';
    describe();
    field.removeAttribute('aria-invalid');
    if (location.search !== '') void run(readForm());
  });
  byId('forget-key').addEventListener('click', () => {
    sessionStorage.removeItem(KEY_STORAGE);
    describe();
  });
  describe();
}

function fillForm(query: ExploreQuery): void {
  input('from').value = query.from;
  input('to').value = query.to;
  input('timeZone').value = query.timeZone;
  input('customerId').value = query.customerId;
  input('typeFiltered').checked = query.type !== undefined;
  input('type').disabled = query.type === undefined;
  input('type').value = query.type ?? '';
  (form.elements.namedItem('groupBy') as HTMLSelectElement).value =
    query.groupBy;
  for (const radio of form.querySelectorAll<HTMLInputElement>(
    '[name=measure]',
  )) {
    radio.checked = radio.value === query.measure;
  }
  byId<HTMLAnchorElement>('share').href = searchOf(query);
}

function readForm(): ExploreQuery {
  const measure = form.querySelector<HTMLInputElement>(
    '[name=measure]:checked',
  );
  return {
    from: input('from').value,
    to: input('to').value,
    timeZone: input('timeZone').value.trim() || 'UTC',
    customerId: input('customerId').value.trim(),
    type: input('typeFiltered').checked ? input('type').value : undefined,
    groupBy: (form.elements.namedItem('groupBy') as HTMLSelectElement)
      .value as Grouping,
    measure: (measure?.value ?? 'count') as Measure,
  };
}

async function run(query: ExploreQuery): Promise<void> {
  running?.abort();
  const controller = (running = new AbortController());
  const status = byId('status');
  clearProblem();
  status.textContent = 'Reading…';
  performance.mark('explorer:query');
  try {
    const pages = await readAllPages(
      apiParams(query),
      authRequired ? apiKey() : undefined,
      controller.signal,
      (read) => {
        const items = read.reduce((sum, page) => sum + page.items.length, 0);
        status.textContent = `Reading page ${read.length + 1}… ${items} items so far.`;
      },
    );
    if (controller.signal.aborted) return;
    performance.mark('explorer:answered');
    shown = { pages, query };
    show(pages, query);
    measureDrawing();
  } catch (error) {
    if (controller.signal.aborted) return;
    clearResults();
    if (error instanceof ProblemError) showProblem(error);
    else
      showProblem(
        new ProblemError({
          status: 0,
          title: 'The service could not be reached',
          detail: String(error),
        }),
      );
    status.textContent = 'No results.';
  }
}

/**
 * Once the frame with the chart is painted: how long the query took from
 * the press of Show, and the drawing of its part (the benchmark reads both;
 * so can anyone, in the browser's performance panel).
 */
function measureDrawing(): void {
  requestAnimationFrame(() =>
    setTimeout(() => {
      performance.measure('explorer:query-to-chart', 'explorer:query');
      performance.measure('explorer:drawing', 'explorer:answered');
    }),
  );
}

function show(pages: StatsPage[], query: ExploreQuery): void {
  const items = pages.flatMap((page) => page.items);
  const first = pages[0];
  byId('status').textContent =
    `${items.length} items in ${pages.length} page(s), ${first.from} to ${first.to} in ${first.timeZone}.`;
  byId('settled').textContent =
    first.settledThrough === null
      ? 'No day is settled yet: every number may still grow by late messages.'
      : `Days through ${first.settledThrough} (UTC) are settled, final for billing; later ones may still grow by late messages.`;
  showChart(pages, query);
  showTotals(items);
  showCsv();
}

function showChart(pages: StatsPage[], query: ExploreQuery): void {
  const figure = byId('chart-figure');
  const host = byId('chart');
  chart?.destroy();
  chart = undefined;
  host.replaceChildren();
  byId('chart-table').replaceChildren();
  const caption = byId('chart-caption');
  if (query.groupBy === '' || pages[0].items.length === 0) {
    figure.hidden = true;
    return;
  }
  const tooMany = tooManyPeriods(pages[0].from, pages[0].to, query.groupBy);
  if (tooMany) {
    figure.hidden = false;
    caption.textContent = `${tooMany}: choose a longer period to draw a chart. The table and the CSV hold every item.`;
    return;
  }
  const model = chartModel(pages, query.groupBy, query.measure);
  figure.hidden = false;
  caption.textContent = captionOf(model, query);
  host.setAttribute('aria-label', caption.textContent);
  chart = drawChart(host, model, query.measure);
  byId('chart-table').append(chartTable(model, query.measure));
}

function captionOf(model: ChartModel, query: ExploreQuery): string {
  const what = query.measure === 'count' ? 'Messages' : 'Amount';
  const per = periodName(model.grouping).toLowerCase();
  const lines = model.series.some((line) => line.label.startsWith('customer '))
    ? `for the ${Math.min(TOP_CUSTOMERS, model.series.length)} customers with the most, the others added up`
    : 'per type';
  const unsettled = model.settled.includes(false)
    ? ' The shaded periods are not settled yet.'
    : '';
  return `${what} per ${per}, ${lines}, in ${model.timeZone}.${unsettled}`;
}

function showTotals(items: StatsPage['items']): void {
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
    const type = line.insertCell();
    type.textContent = row.type === '' ? '""' : row.type;
    if (row.type === '') type.className = 'empty-type';
    const count = line.insertCell();
    count.className = 'number';
    count.textContent = row.messageCount.toString();
    const amount = line.insertCell();
    amount.className = 'number';
    amount.textContent = row.totalAmount;
  }
  const total = grandTotal(rows);
  const foot = table.createTFoot().insertRow();
  const label = document.createElement('th');
  label.scope = 'row';
  label.colSpan = 2;
  label.textContent = `Total (${rows.length} ${rows.length === 1 ? 'group' : 'groups'})`;
  foot.append(label);
  for (const value of [total.messageCount.toString(), total.totalAmount]) {
    const cell = foot.insertCell();
    cell.className = 'number';
    cell.textContent = value;
  }
  byId('totals').replaceChildren(table);
}

function showCsv(): void {
  byId('csv').hidden = false;
}

/**
 * The CSV of what is shown, written when asked for: a month of every
 * customer is a hundred thousand lines that most queries never need.
 */
function downloadCsv(): void {
  if (!shown) return;
  const { pages, query } = shown;
  const zone =
    query.timeZone === 'UTC' ? '' : `_${query.timeZone.replaceAll('/', '-')}`;
  const link = document.createElement('a');
  link.href = URL.createObjectURL(
    new Blob([csvOf(pages)], { type: 'text/csv' }),
  );
  link.download = `message-stats_${pages[0].from}_${pages[0].to}${query.groupBy ? `_${query.groupBy}` : ''}${zone}.csv`;
  link.click();
  // The download has its own copy once it starts.
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}

function clearResults(): void {
  chart?.destroy();
  chart = undefined;
  shown = undefined;
  byId('chart').replaceChildren();
  byId('chart-table').replaceChildren();
  byId('chart-figure').hidden = true;
  byId('totals').replaceChildren();
  byId('settled').textContent = '';
  byId('csv').hidden = true;
}

function clearProblem(): void {
  byId('problem').replaceChildren();
  for (const name of FIELDS) {
    input(name).removeAttribute('aria-invalid');
    byId(`${name}-error`).textContent = '';
  }
  byId('api-key').removeAttribute('aria-invalid');
}

/** The problem's title and detail, and each field it names beside that field. */
function showProblem(error: ProblemError): void {
  const { problem } = error;
  const box = byId('problem');
  const title = document.createElement('strong');
  title.textContent = `${problem.title}${problem.status ? ` (${problem.status})` : ''}`;
  box.append(title);
  if (problem.detail) {
    const detail = document.createElement('p');
    detail.textContent = problem.detail;
    box.append(detail);
  }
  if (problem.errors?.length) {
    const list = document.createElement('ul');
    for (const { field, message } of problem.errors) {
      const item = document.createElement('li');
      item.textContent = `${field}: ${message}`;
      list.append(item);
      if (FIELDS.includes(field)) {
        input(field).setAttribute('aria-invalid', 'true');
        byId(`${field}-error`).textContent = message;
      }
    }
    box.append(list);
  }
  if (problem.status === 401 || problem.status === 403) {
    byId('api-key').setAttribute('aria-invalid', 'true');
    byId('api-key').focus();
  }
}

function setUpForm(): void {
  const zones = byId('time-zones');
  for (const zone of ['UTC', ...Intl.supportedValuesOf('timeZone')]) {
    const option = document.createElement('option');
    option.value = zone;
    zones.append(option);
  }
  input('typeFiltered').addEventListener('change', () => {
    input('type').disabled = !input('typeFiltered').checked;
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const query = readForm();
    const search = searchOf(query);
    if (search !== location.search) history.pushState(null, '', search);
    byId<HTMLAnchorElement>('share').href = search;
    void run(query);
  });
  // Switching the measure redraws what is shown; the answer is the same.
  for (const radio of form.querySelectorAll<HTMLInputElement>(
    '[name=measure]',
  )) {
    radio.addEventListener('change', () => {
      if (!shown) return;
      shown.query = { ...shown.query, measure: readForm().measure };
      history.replaceState(null, '', searchOf(shown.query));
      showChart(shown.pages, shown.query);
    });
  }
  byId('csv').addEventListener('click', downloadCsv);
  window.addEventListener('popstate', () => start());
  let width = document.body.clientWidth;
  new ResizeObserver(() => {
    if (chart && document.body.clientWidth !== width) {
      width = document.body.clientWidth;
      chart.setSize({
        width: Math.max(280, byId('chart').clientWidth),
        height: chart.height,
      });
    }
  }).observe(document.body);
}

function start(): void {
  const query = queryFromSearch(location.search, new Date());
  fillForm(query);
  if (location.search !== '' && (!authRequired || apiKey())) void run(query);
  else if (authRequired && !apiKey()) byId('api-key').focus();
}

setUpKeyForm();
setUpForm();
start();
