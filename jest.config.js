// Unit tests beside the code; the e2e suite runs once on the embedded SQLite
// and once more on MySQL/MariaDB when TEST_DATABASE_URL names a server.
// An older Node.js would die with a bare "Segmentation fault" when the
// first test loads better-sqlite3: say what to do instead.
const nodeMajor = Number(process.versions.node.split('.')[0]);
const minimum = Number(/\d+/.exec(require('./package.json').engines.node)[0]);
if (nodeMajor < minimum) {
  console.error(
    `message-stats needs Node.js ${minimum} or newer (see .nvmrc); this is Node.js ${process.version}. ` +
      'Use Node.js 24: eval "$(scripts/toolchain.sh)" installs it from the npm registry, or nvm use.',
  );
  process.exit(1);
}

const tsJest = (options) => ({ '^.+\\.ts$': ['ts-jest', options] });

const e2e = (database) => ({
  displayName: `e2e:${database}`,
  testEnvironment: 'node',
  rootDir: '.',
  testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
  setupFiles: [`<rootDir>/test/support/use-${database}.ts`],
  // The swagger CLI plugin, as `nest build` applies it, so /docs-json is tested as shipped.
  // The plugin needs a whole program, hence a tsconfig without isolatedModules.
  transform: tsJest({
    tsconfig: 'tsconfig.e2e.json',
    astTransformers: {
      before: ['<rootDir>/test/support/swagger-plugin-transformer.js'],
    },
  }),
});

// The explorer page in headless Chromium, against the real service on each
// database; where no Chromium is installed (.ci/run installs Debian's), the
// tier is left out and jest says so.
const {
  hasChromium,
  CHROMIUM_PATH,
} = require('./test/browser/support/chromium');
const browser = (database) => ({
  ...e2e(database),
  displayName: `browser:${database}`,
  testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
});
if (!hasChromium()) {
  console.warn(
    `No Chromium at ${CHROMIUM_PATH}: the browser tests are left out (apt-get install chromium, or set CHROMIUM_PATH).`,
  );
}

module.exports = {
  // Per test; e2e tests start an app and may race hundreds of requests.
  testTimeout: 60000,
  // The e2e suite serves the explorer page as npm start does: built first.
  globalSetup: '<rootDir>/scripts/build-explorer.js',
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      rootDir: '.',
      testMatch: [
        '<rootDir>/src/**/*.spec.ts',
        '<rootDir>/explorer/**/*.spec.ts',
      ],
      // tsconfig.json has isolatedModules: ts-jest transpiles file by file, fast;
      // `npm run typecheck` does the type checking.
      transform: tsJest({ tsconfig: 'tsconfig.json' }),
    },
    e2e('sqlite'),
    ...(hasChromium() ? [browser('sqlite')] : []),
    ...(process.env.TEST_DATABASE_URL
      ? [
          e2e('mysql'),
          ...(hasChromium() ? [browser('mysql')] : []),
          {
            // Real processes killed for real on the real server: MySQL/MariaDB only.
            ...e2e('mysql'),
            displayName: 'faults',
            testMatch: ['<rootDir>/test/faults/**/*.fault-spec.ts'],
          },
        ]
      : []),
    ...(process.env.TEST_GALERA_URLS
      ? [
          {
            // A 3-node Galera cluster that scripts/galera-cluster.sh started.
            ...e2e('mysql'),
            displayName: 'cluster',
            testMatch: ['<rootDir>/test/cluster/**/*.cluster-spec.ts'],
          },
        ]
      : []),
  ],
};
