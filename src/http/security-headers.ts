import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { HelmetOptions } from 'helmet';

/**
 * Helmet's security headers, computed once. They do not depend on the
 * request, and running helmet's middleware on every request cost about 30 %
 * of POST /messages throughput in the benchmark; setting the finished set
 * costs next to nothing.
 */
export function securityHeaders(
  options: HelmetOptions,
): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: unknown) => {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader: () => undefined,
  };
  helmet(options)(
    {} as IncomingMessage,
    response as unknown as ServerResponse,
    () => undefined,
  );
  return headers;
}
