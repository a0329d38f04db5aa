/** Query parameters that look like they carry a credential. */
const CREDENTIAL = /key|token|secret|pass|auth|sig|credential|session|cookie/i;

export const REDACTED = '[REDACTED]';

/**
 * The URL as a log line may show it: the value of every query parameter
 * whose name looks like a credential is replaced, so a key sent by mistake
 * as `?api_key=…` never reaches the logs. Keys belong in a header.
 */
export function redactUrl(url: string): string {
  const query = url.indexOf('?');
  if (query === -1) return url;
  const pairs = url
    .slice(query + 1)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const name = equals === -1 ? pair : pair.slice(0, equals);
      return CREDENTIAL.test(decodedName(name)) && equals !== -1
        ? `${name}=${REDACTED}`
        : pair;
    });
  return `${url.slice(0, query)}?${pairs.join('&')}`;
}

function decodedName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
}
