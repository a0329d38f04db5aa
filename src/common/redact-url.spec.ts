import { redactUrl } from './redact-url';

describe('redactUrl', () => {
  it.each([
    [
      '/stats?api_key=s3cret&from=2026-01-01',
      '/stats?api_key=[REDACTED]&from=2026-01-01',
    ],
    [
      '/stats?from=2026-01-01&token=abc',
      '/stats?from=2026-01-01&token=[REDACTED]',
    ],
    ['/stats?X-API-Key=abc', '/stats?X-API-Key=[REDACTED]'],
    ['/stats?access%5Ftoken=abc', '/stats?access%5Ftoken=[REDACTED]'],
    [
      '/stats?password=a&password=b',
      '/stats?password=[REDACTED]&password=[REDACTED]',
    ],
    ['/stats?authorization=Bearer%20x', '/stats?authorization=[REDACTED]'],
  ])('hides the credential in %s', (url, logged) => {
    expect(redactUrl(url)).toBe(logged);
  });

  it.each([
    '/stats?from=2026-01-01&to=2026-01-31&customerId=1&type=A',
    '/messages/a596b362-08be-419f-8070-9c3055566e7c',
    '/stats?key',
    '/stats?%zz=1',
    '/stats?',
  ])('leaves %s as it is', (url) => {
    expect(redactUrl(url)).toBe(url);
  });
});
