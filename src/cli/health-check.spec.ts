import { liveUrl } from './health-check';

describe('liveUrl', () => {
  it.each([
    [undefined, undefined, 'http://127.0.0.1:3000/health/live'],
    ['0.0.0.0', '8080', 'http://127.0.0.1:8080/health/live'],
    ['::', '3000', 'http://[::1]:3000/health/live'],
    ['10.1.2.3', '3000', 'http://10.1.2.3:3000/health/live'],
    ['fd00::5', '3000', 'http://[fd00::5]:3000/health/live'],
    ['localhost', '3000', 'http://localhost:3000/health/live'],
  ])('reaches a service on HOST=%s PORT=%s at %s', (host, port, url) => {
    expect(liveUrl(host, port)).toBe(url);
  });
});
