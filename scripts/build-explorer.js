// Builds the explorer page (explorer/) into build/explorer/: its TypeScript
// and uPlot bundled into one script, its styles into one sheet, and the
// page. The service serves that folder at /explore. `npm run build`,
// `npm start` and the test suite (jest's global setup) run it; it takes
// well under a second.
const { buildSync } = require('esbuild');
const { copyFileSync, mkdirSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const out = join(root, 'build', 'explorer');

function buildExplorer() {
  mkdirSync(out, { recursive: true });
  buildSync({
    absWorkingDir: root,
    entryPoints: ['explorer/src/main.ts'],
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['es2022'],
    outfile: join(out, 'explorer.js'),
    legalComments: 'none',
    logLevel: 'warning',
  });
  for (const file of ['index.html', 'favicon.svg']) {
    copyFileSync(join(root, 'explorer', file), join(out, file));
  }
}

module.exports = buildExplorer;

if (require.main === module) buildExplorer();
