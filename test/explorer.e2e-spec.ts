import { createTestApp, useTestApp } from './support/test-app';

const READER = 'reader-key-0123456789abcdef';

describe(`the explorer page, served (${process.env.E2E_DATABASE})`, () => {
  const t = useTestApp({ apiKeys: `reader:read:${READER}` });

  it('is served at /explore without a key, under a strict policy of its own', async () => {
    const response = await t
      .http()
      .get('/explore')
      .expect(200)
      .expect('content-type', 'text/html; charset=utf-8');
    const policy = response.headers['content-security-policy'];
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("style-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    // The service's other headers stay.
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    // The page asks for a key because keys are configured.
    expect(response.text).toContain(
      '<meta name="message-stats-auth" content="required" />',
    );
    // No inline script or style: everything comes from the service itself.
    expect(response.text).not.toMatch(/<script(?![^>]*\bsrc=)|<style|style=/);
    expect(response.text).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it.each([
    ['explorer.js', 'text/javascript; charset=utf-8'],
    ['explorer.css', 'text/css; charset=utf-8'],
    ['favicon.svg', 'image/svg+xml'],
  ])('serves its %s, revalidated by its ETag', async (file, type) => {
    const first = await t
      .http()
      .get(`/explore/assets/${file}`)
      .expect(200)
      .expect('content-type', type)
      .expect('cache-control', 'no-cache');
    const etag = first.headers.etag;
    expect(etag).toMatch(/^"[\w-]{22}"$/);
    await t
      .http()
      .get(`/explore/assets/${file}`)
      .set('if-none-match', etag)
      .expect(304);
  });

  it.each([
    'index.html',
    'nothing.js',
    '..%2f..%2fpackage.json',
    '%2e%2e%2fexplorer.js',
    'explorer.js%00.css',
  ])('answers 404 for the asset %s, as a problem', async (file) => {
    const response = await t
      .http()
      .get(`/explore/assets/${file}`)
      .expect(404)
      .expect('content-type', /application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 404 });
  });

  it('sends /explore/ on to /explore, with its query', async () => {
    await t
      .http()
      .get('/explore/?from=2026-11-01&to=2026-11-30')
      .expect(302)
      .expect('location', '../explore?from=2026-11-01&to=2026-11-30');
    await t
      .http()
      .get('/explore/')
      .expect(302)
      .expect('location', '../explore');
  });

  it('is not part of the API document', async () => {
    const response = await t.http().get('/docs-json').expect(200);
    expect(Object.keys(response.body.paths)).not.toContain('/explore');
  });

  it('tells the page not to ask for a key when authentication is off', async () => {
    const open = await createTestApp();
    try {
      const response = await open.http().get('/explore').expect(200);
      expect(response.text).toContain(
        '<meta name="message-stats-auth" content="off" />',
      );
    } finally {
      await open.close();
    }
  });

  it('is not there at all with EXPLORER_ENABLED=false', async () => {
    const off = await createTestApp({ explorerEnabled: false });
    try {
      await off.http().get('/explore').expect(404);
      await off.http().get('/explore/assets/explorer.js').expect(404);
      await off.http().get('/explore/').expect(404);
      await off.http().get('/health').expect(200);
    } finally {
      await off.close();
    }
  });
});
