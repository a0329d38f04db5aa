/**
 * Draws a ChartModel with uPlot (chosen by measurement: docs/benchmarks.md),
 * and writes the same numbers as a table, the chart's accessible form: a
 * canvas tells a screen reader nothing.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import '../explorer.css';
import { amountOf, chartNumber } from './amounts';
import { ChartModel, OTHERS } from './chart-model';
import type { Measure } from './query';

/**
 * Okabe and Ito's palette, told apart with any colour vision, with its
 * light hues darkened to 3:1 or more against white and against the
 * unsettled periods' shade (WCAG's contrast for graphics).
 */
const COLOURS = [
  '#0072B2',
  '#D55E00',
  '#007A5A',
  '#B0558A',
  '#8F6A00',
  '#1C7FB8',
];
/** The customers added up: grey and dashed, not one more customer. */
const OTHERS_STYLE = { stroke: '#4d4d4d', dash: [6, 4] };

const HEIGHT = 320;

export function drawChart(
  host: HTMLElement,
  model: ChartModel,
  measure: Measure,
): uPlot {
  const values = model.series.map((line) =>
    measure === 'count' ? line.counts.map(Number) : line.milli.map(chartNumber),
  );
  const exact = (seriesIndex: number, index: number | null) => {
    if (index === null) return '–';
    const line = model.series[seriesIndex - 1];
    return measure === 'count'
      ? line.counts[index].toString()
      : amountOf(line.milli[index]);
  };
  const zone = model.grouping === 'hour' ? model.timeZone : 'Etc/UTC';
  const options: uPlot.Options = {
    width: Math.max(280, host.clientWidth),
    height: HEIGHT,
    tzDate: (seconds) => uPlot.tzDate(new Date(seconds * 1000), zone),
    scales: { y: { range: (_u, _min, max) => [0, max > 0 ? max : 1] } },
    series: [
      {
        label: periodName(model.grouping),
        value: (_u, _x, _s, index) =>
          index === null ? '–' : model.labels[index],
      },
      ...model.series.map((line, i) => ({
        label: line.label,
        stroke: COLOURS[i % COLOURS.length],
        ...(line.label === OTHERS ? OTHERS_STYLE : {}),
        width: 2,
        value: (
          _u: uPlot,
          _v: number,
          seriesIndex: number,
          index: number | null,
        ) => exact(seriesIndex, index),
      })),
    ],
    axes: [
      {},
      { label: measure === 'count' ? 'Messages' : 'Amount', size: 70 },
    ],
    hooks: { drawClear: [(u) => shadeUnsettled(u, model)] },
  };
  const chart = new uPlot(options, [model.xs, ...values], host);
  // The canvas is a picture of the table below it.
  chart.root.querySelector('canvas')?.setAttribute('aria-hidden', 'true');
  return chart;
}

/** Periods a late message can still change are shaded, and labelled so. */
function shadeUnsettled(u: uPlot, model: ChartModel): void {
  const first = model.settled.indexOf(false);
  if (first === -1) return;
  const xs = model.xs;
  const start =
    first === 0
      ? u.bbox.left
      : (u.valToPos(xs[first - 1], 'x', true) +
          u.valToPos(xs[first], 'x', true)) /
        2;
  const { ctx, bbox } = u;
  ctx.save();
  ctx.fillStyle = 'rgba(0, 0, 0, 0.07)';
  ctx.fillRect(start, bbox.top, bbox.left + bbox.width - start, bbox.height);
  ctx.fillStyle = '#444';
  ctx.font = `${12 * devicePixelRatio}px system-ui, sans-serif`;
  ctx.fillText(
    'not settled yet',
    start + 6 * devicePixelRatio,
    bbox.top + 16 * devicePixelRatio,
  );
  ctx.restore();
}

export function periodName(grouping: ChartModel['grouping']): string {
  return { hour: 'Hour', day: 'Day', week: 'Week', month: 'Month' }[grouping];
}

/** The chart's numbers, period by period, exact, with whether each is settled. */
export function chartTable(
  model: ChartModel,
  measure: Measure,
): HTMLTableElement {
  const table = document.createElement('table');
  table.className = 'chart-data';
  const caption = table.createCaption();
  caption.textContent = `${measure === 'count' ? 'Messages' : 'Amount'} per ${periodName(model.grouping).toLowerCase()}, as drawn in the chart`;
  const head = table.createTHead().insertRow();
  for (const name of [
    periodName(model.grouping),
    ...model.series.map((line) => line.label),
    'Settled',
  ]) {
    const cell = document.createElement('th');
    cell.scope = 'col';
    cell.textContent = name;
    head.append(cell);
  }
  const body = table.createTBody();
  model.xs.forEach((_x, i) => {
    const row = body.insertRow();
    const period = document.createElement('th');
    period.scope = 'row';
    period.textContent = model.labels[i];
    row.append(period);
    for (const line of model.series) {
      const cell = row.insertCell();
      cell.className = 'number';
      cell.textContent =
        measure === 'count'
          ? line.counts[i].toString()
          : amountOf(line.milli[i]);
    }
    row.insertCell().textContent = model.settled[i] ? 'yes' : 'no';
  });
  return table;
}
