import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MIN_NODE_MAJOR, NODE_MAJOR, unsupportedNode } from './supported-node';

describe('unsupportedNode', () => {
  it('names the version needed and how to get it on Node.js 20', () => {
    expect(unsupportedNode('v20.20.2')).toBe(
      'message-stats needs Node.js 22 or newer (24 recommended, see .nvmrc); this is Node.js v20.20.2. ' +
        'Use Node.js 24: eval "$(scripts/toolchain.sh)" installs it from the npm registry, or nvm use.',
    );
  });

  it('lets Node.js 22 and later through', () => {
    for (const version of ['v22.0.0', 'v24.21.0', 'v26.1.0']) {
      expect(unsupportedNode(version)).toBeUndefined();
    }
  });

  it("agrees with package.json's engines and .nvmrc", () => {
    const root = join(__dirname, '..', '..');
    const engines = (
      JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
        engines: { node: string };
      }
    ).engines.node;
    expect(engines).toBe(`>=${MIN_NODE_MAJOR}`);
    expect(readFileSync(join(root, '.nvmrc'), 'utf8').trim()).toBe(
      String(NODE_MAJOR),
    );
  });
});
