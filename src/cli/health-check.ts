/**
 * The container's health check: asks /health/live of the service in this
 * container, on the address it listens on (HOST, PORT), and exits 0 if it
 * answers 200. Reads the environment only, so that it starts in
 * milliseconds every ten seconds.
 *
 *   node dist/cli/health-check.js
 */

/** Where to reach a service listening on `host`: a wildcard is reached on loopback. */
export function liveUrl(host = '0.0.0.0', port = '3000'): string {
  const reachable =
    host === '0.0.0.0' || host === ''
      ? '127.0.0.1'
      : host === '::'
        ? '::1'
        : host;
  const literal = reachable.includes(':') ? `[${reachable}]` : reachable;
  return `http://${literal}:${port}/health/live`;
}

if (require.main === module) {
  fetch(liveUrl(process.env.HOST, process.env.PORT), {
    signal: AbortSignal.timeout(2500),
  }).then(
    (response) => process.exit(response.ok ? 0 : 1),
    () => process.exit(1),
  );
}
