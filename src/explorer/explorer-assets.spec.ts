import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServiceUnavailableException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ExplorerAssets, readExplorerFiles } from './explorer-assets';
import { ExplorerController } from './explorer.controller';

describe('the explorer page files', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'explorer-'));
    for (const file of ['explorer.js', 'explorer.css', 'favicon.svg']) {
      writeFileSync(join(folder, file), file);
    }
    writeFileSync(
      join(folder, 'index.html'),
      '<meta name="message-stats-auth" content="{{auth}}" />',
    );
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('tell the page whether to ask for a key', () => {
    const page = readExplorerFiles(folder, 'off').get('index.html')!;
    expect(page.body.toString()).toBe(
      '<meta name="message-stats-auth" content="off" />',
    );
    expect(page.contentType).toBe('text/html; charset=utf-8');
  });

  it('change their ETag when their content changes', () => {
    const off = readExplorerFiles(folder, 'off').get('index.html')!;
    const required = readExplorerFiles(folder, 'required').get('index.html')!;
    expect(off.etag).not.toBe(required.etag);
  });

  it('are refused whole when one is missing', () => {
    rmSync(join(folder, 'explorer.css'));
    expect(() => readExplorerFiles(folder, 'off')).toThrow(/explorer\.css/);
  });

  it('answer 503 with what to run when the page was never built', () => {
    const unbuilt = {
      missing: 'the explorer page is not built: run npm run build',
    } as ExplorerAssets;
    const controller = new ExplorerController(unbuilt);
    expect(() =>
      controller.page({} as FastifyRequest, {} as FastifyReply),
    ).toThrow(ServiceUnavailableException);
  });
});
