/**
 * The explorer page: the form, held in the URL; the key, held in the tab;
 * the answer, drawn, tabled and offered as CSV.
 */
import type uPlot from 'uplot';
import { chartTable, drawChart, periodName } from './chart';
import { chartModel, ChartModel, TOP_CUSTOMERS } from './chart-model';
import { apiKey, setUpKeyForm } from './api-key';
import { csvOf } from './csv';
import { byId } from './dom';
import { tooManyPeriods } from './periods';
import { clearProblem, showProblem } from './problem-view';
import {
  apiParams,
  ExploreQuery,
  Grouping,
  Measure,
  queryFromSearch,
  searchOf,
} from './query';
import { ProblemError, readAllPages, StatsPage } from './stats-client';
import { totalsTable } from './totals-table';

const form = byId<HTMLFormElement>('query-form');
const input = (name: string) =>
  form.elements.namedItem(name) as HTMLInputElement;
const authRequired =
  document.querySelector<HTMLMetaElement>('meta[name="message-stats-auth"]')
    ?.content === 'required';

let running: AbortController | undefined;
let chart: uPlot | undefined;
let shown: { pages: StatsPage[]; query: ExploreQuery } | undefined;

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
    showProblem(
      error instanceof ProblemError
        ? error.problem
        : {
            status: 0,
            title: 'The service could not be reached',
            detail: String(error),
          },
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
  byId('totals').replaceChildren(totalsTable(items));
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

function setUpForm(): void {
  const zones = byId('time-zones');
  for (const zone of new Set(['UTC', ...Intl.supportedValuesOf('timeZone')])) {
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

setUpKeyForm(authRequired, () => {
  if (location.search !== '') void run(readForm());
});
setUpForm();
start();
