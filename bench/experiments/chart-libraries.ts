/**
 * Which chart library the explorer page draws with (issue 26): the three
 * well-kept canvas libraries on the npm registry, measured in one run in
 * headless Chromium on what the page draws most, a year of days of four
 * types (4 × 365 points, counts), fresh chart each time.
 *
 *   size     the library's minified browser build, raw and gzip -9
 *   render   the main thread's work from handing the data over until the
 *            chart is drawn on its canvas (the library's own deferred
 *            draws included: timed to the next task), median of RUNS,
 *            animation off; the browser's compositing after it is alike
 *            for all three
 *   aria     what the library itself puts in the DOM for a screen reader
 *
 * The libraries are installed into a temporary folder, not the project.
 *
 *   npx ts-node --transpile-only bench/experiments/chart-libraries.ts
 *   (RUNS=40 CHROMIUM=/usr/bin/chromium)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const RUNS = Number(process.env.RUNS ?? 40);
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

interface Candidate {
  name: string;
  spec: string;
  file: string;
  /** Draws `data` into `element`; resolves once drawn. Runs in the page. */
  draw: string;
}

const candidates: Candidate[] = [
  {
    name: 'uPlot',
    spec: 'uplot@1.6.32',
    file: 'uplot/dist/uPlot.iife.min.js',
    draw: `(element, data) => new uPlot({ width: 900, height: 360,
      series: [{}, ...data.series.map((s) => ({ label: s.label, stroke: s.color }))] },
      [data.x, ...data.series.map((s) => s.values)], element)`,
  },
  {
    name: 'Chart.js',
    spec: 'chart.js@4.6.2',
    file: 'chart.js/dist/chart.umd.min.js',
    draw: `(element, data) => { const canvas = document.createElement('canvas');
      element.append(canvas); return new Chart(canvas, { type: 'line',
      options: { animation: false, responsive: false, parsing: false, normalized: true },
      data: { datasets: data.series.map((s) => ({ label: s.label, borderColor: s.color,
        pointRadius: 0, data: s.values.map((y, i) => ({ x: i, y })) })) } }); }`,
  },
  {
    name: 'ECharts',
    spec: 'echarts@6.1.0',
    file: 'echarts/dist/echarts.min.js',
    draw: `(element, data) => { const chart = echarts.init(element, null, { width: 900, height: 360 });
      chart.setOption({ animation: false, aria: { enabled: true },
        xAxis: { type: 'category', data: data.x }, yAxis: { type: 'value' },
        series: data.series.map((s) => ({ name: s.label, type: 'line', showSymbol: false, data: s.values })) });
      return chart; }`,
  },
];

/** A year of days of four types; runs in the page. */
const DATA = `(() => { const x = Array.from({ length: 365 }, (_, i) => 1767225600 + i * 86400);
  return { x, series: ['A', 'B', 'C', 'D'].map((label, t) => ({ label,
    color: ['#0b5cad', '#b3261e', '#1b7f3a', '#6b3fa0'][t],
    values: x.map((_, i) => 1000 + ((i * 7919 + t * 104729) % 997)) })) }; })()`;

function page(candidate: Candidate): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${candidate.name}</title>
<script src="/lib.js"></script></head><body><div id="host"></div><script>
const data = ${DATA};
const draw = ${candidate.draw};
const nextTask = () => new Promise((resolve) => { const channel = new MessageChannel();
  channel.port1.onmessage = () => resolve(); channel.port2.postMessage(0); });
window.measure = async (runs) => {
  const times = [];
  let aria = '';
  for (let i = 0; i < runs; i++) {
    const host = document.getElementById('host');
    host.replaceChildren();
    const element = document.createElement('div');
    host.append(element);
    const start = performance.now();
    const chart = draw(element, data);
    await nextTask();
    times.push(performance.now() - start);
    aria = [element, ...element.querySelectorAll('*')].filter((e) => e.hasAttribute('aria-label') || e.hasAttribute('role'))
      .map((e) => (e.getAttribute('role') ?? '') + ' ' + (e.getAttribute('aria-label') ?? '').slice(0, 60)).join(' | ');
    chart.destroy?.(); chart.dispose?.();
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(runs / 2)], aria };
};
</script></body></html>`;
}

async function main(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'chart-libraries-'));
  try {
    execFileSync(
      'npm',
      [
        'install',
        '--no-save',
        '--no-audit',
        '--no-fund',
        '--prefix',
        folder,
      ].concat(candidates.map((c) => c.spec)),
      { stdio: 'inherit' },
    );
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
      ],
    });
    console.log('library    min KB  gzip KB  render ms  aria');
    for (const candidate of candidates) {
      const library = readFileSync(
        join(folder, 'node_modules', candidate.file),
      );
      const server = createServer((request, response) => {
        response.setHeader('content-type', 'text/html; charset=utf-8');
        if (request.url === '/lib.js') {
          response.setHeader('content-type', 'text/javascript');
          response.end(library);
        } else response.end(page(candidate));
      });
      await new Promise<void>((resolve) =>
        server.listen(0, '127.0.0.1', resolve),
      );
      const tab = await browser.newPage({
        viewport: { width: 1000, height: 600 },
      });
      await tab.goto(
        `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
      );
      // A first run warms the JIT, as a page that draws more than once is.
      await tab.evaluate('window.measure(3)');
      const result = await tab.evaluate<{ median: number; aria: string }>(
        `window.measure(${RUNS})`,
      );
      console.log(
        `${candidate.name.padEnd(10)} ${(library.length / 1024).toFixed(0).padStart(6)}  ${(
          gzipSync(library, { level: 9 }).length / 1024
        )
          .toFixed(0)
          .padStart(
            7,
          )}  ${result.median.toFixed(1).padStart(9)}  ${result.aria || 'none'}`,
      );
      await tab.close();
      server.close();
    }
    await browser.close();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

void main();
