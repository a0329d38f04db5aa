import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig } from '../config/app-config';

/** One file of the page, ready to send. */
export interface ExplorerAsset {
  body: Buffer;
  contentType: string;
  etag: string;
}

/**
 * Where scripts/build-explorer.js writes the page: build/explorer at the
 * project's root, two folders up from this file in src/ and in dist/ alike.
 */
export const EXPLORER_BUILD = join(__dirname, '..', '..', 'build', 'explorer');

const CONTENT_TYPES: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'explorer.js': 'text/javascript; charset=utf-8',
  'explorer.css': 'text/css; charset=utf-8',
  'favicon.svg': 'image/svg+xml',
};

/**
 * The explorer page's files, read once at start-up and held in memory
 * (about 100 KB): only these names are ever served, so no request names a
 * path on disk. The page is told whether to ask for an API key.
 */
@Injectable()
export class ExplorerAssets {
  private readonly logger = new Logger(ExplorerAssets.name);
  private readonly files: ReadonlyMap<string, ExplorerAsset>;
  /** Why there is no page, when there is none. */
  readonly missing?: string;

  constructor(config: AppConfig) {
    try {
      this.files = readExplorerFiles(
        EXPLORER_BUILD,
        config.apiKeys.length > 0 ? 'required' : 'off',
      );
    } catch (error) {
      this.files = new Map();
      this.missing = `the explorer page is not built (${(error as Error).message}): run npm run build`;
      this.logger.warn(`GET /explore answers 503: ${this.missing}`);
    }
  }

  get(name: string): ExplorerAsset | undefined {
    return this.files.get(name);
  }
}

/** The page's files in a folder; throws if one is missing. */
export function readExplorerFiles(
  folder: string,
  auth: 'required' | 'off',
): Map<string, ExplorerAsset> {
  const files = new Map<string, ExplorerAsset>();
  for (const [name, contentType] of Object.entries(CONTENT_TYPES)) {
    let body = readFileSync(join(folder, name));
    if (name === 'index.html') {
      body = Buffer.from(body.toString('utf8').replace('{{auth}}', auth));
    }
    const hash = createHash('sha256').update(body).digest('base64url');
    files.set(name, { body, contentType, etag: `"${hash.slice(0, 22)}"` });
  }
  return files;
}
