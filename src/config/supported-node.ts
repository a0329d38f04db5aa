/**
 * Imported first by every entry point (the server, the CLIs), before
 * anything native loads: on an older Node.js, better-sqlite3 dies with a
 * bare "Segmentation fault". One line saying what to do instead.
 */

/** The oldest Node.js line the project runs on: package.json's "engines". */
export const MIN_NODE_MAJOR = 22;

/** The line it is built and tested on: .nvmrc. */
export const NODE_MAJOR = 24;

/** Undefined on a supported Node.js; otherwise the line to print. */
export function unsupportedNode(version: string): string | undefined {
  const major = Number(/^v?(\d+)\./.exec(version)?.[1]);
  if (major >= MIN_NODE_MAJOR) return undefined;
  return (
    `message-stats needs Node.js ${MIN_NODE_MAJOR} or newer (${NODE_MAJOR} recommended, see .nvmrc); this is Node.js ${version}. ` +
    `Use Node.js ${NODE_MAJOR}: eval "$(scripts/toolchain.sh)" installs it from the npm registry, or nvm use.`
  );
}

const problem = unsupportedNode(process.version);
if (problem !== undefined) {
  console.error(problem);
  process.exit(1);
}
