// Where the browser tests find Chromium: plain JavaScript, because
// jest.config.js reads it too.
const { existsSync } = require('node:fs');

/** Debian's Chromium, which .ci/run installs; CHROMIUM_PATH names another. */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

module.exports = {
  CHROMIUM_PATH,
  hasChromium: () => existsSync(CHROMIUM_PATH),
};
