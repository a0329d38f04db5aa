import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useTestApp } from './support/test-app';

/** When the README's walkthrough was taken: its dates and `receivedAt` say so. */
const WALKTHROUGH_CLOCK = '2026-11-25T19:19:27.877Z';

interface Step {
  /** The curl command, as written. */
  command: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  expected: { status: number; headers: Record<string, string>; body: unknown };
}

/** Splits a shell command into words: quotes, backslash escapes, line continuations. */
function shellWords(command: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < command.length; i++) {
    const c = command[i];
    if (c === "'") {
      const end = command.indexOf("'", i + 1);
      word = (word ?? '') + command.slice(i + 1, end);
      i = end;
    } else if (c === '\\') {
      if (command[i + 1] !== '\n') word = (word ?? '') + command[i + 1];
      i++;
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else {
      word = (word ?? '') + c;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** The curl options the README uses: -i, -H, -d and the URL. */
function parseCurl(command: string): Omit<Step, 'expected' | 'command'> {
  const [curl, ...args] = shellWords(command);
  if (curl !== 'curl') throw new Error(`not a curl command: ${command}`);
  const headers: Record<string, string> = {};
  let body: string | undefined;
  let url: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '-i') continue;
    if (arg === '-H') {
      const [name, ...value] = args[++i].split(':');
      headers[name.trim().toLowerCase()] = value.join(':').trim();
    } else if (arg === '-d') body = args[++i];
    else if (arg.startsWith('-')) throw new Error(`unknown curl option ${arg}`);
    else url = arg;
  }
  if (url === undefined) throw new Error(`no URL in ${command}`);
  const { pathname, search } = new URL(`http://${url}`);
  return {
    method: body === undefined ? 'GET' : 'POST',
    path: pathname + search,
    headers,
    body,
  };
}

function parseHttp(text: string): Step['expected'] {
  const [head, ...rest] = text.split('\n\n');
  const [statusLine, ...lines] = head.split('\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return {
    status: Number(statusLine.split(' ')[1]),
    headers,
    body: JSON.parse(rest.join('\n\n')) as unknown,
  };
}

/**
 * The walkthrough of the README's API section: every ```sh block whose
 * next fenced block is an ```http answer. An answer without its command is
 * an error: nothing in the walkthrough goes unchecked.
 */
function walkthrough(): Step[] {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  const api = readme.slice(
    readme.indexOf('\n## API\n'),
    readme.indexOf('\n## Configuration\n'),
  );
  const blocks = [...api.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map(
    ([, language, text]) => ({ language, text }),
  );
  const steps: Step[] = [];
  blocks.forEach(({ language, text }, i) => {
    if (language !== 'http') return;
    const command = blocks[i - 1];
    if (command?.language !== 'sh' || !command.text.startsWith('curl ')) {
      throw new Error(`an http answer without its curl command:\n${text}`);
    }
    steps.push({
      command: command.text.trim(),
      ...parseCurl(command.text.trim()),
      expected: parseHttp(text.trim()),
    });
  });
  return steps;
}

describe(`the README's walkthrough (${process.env.E2E_DATABASE})`, () => {
  const steps = walkthrough();
  const t = useTestApp({}, () => t.clock.set(WALKTHROUGH_CLOCK));

  it('has the steps of the API section', () => {
    expect(steps.length).toBeGreaterThanOrEqual(10);
  });

  // In order, on one service: each step's answer depends on the ones before.
  it.each(steps.map((step, i) => [i + 1, step.command, step] as const))(
    'step %i gives the answer shown: %s',
    async (_, __, step) => {
      const request =
        step.method === 'POST'
          ? t.http().post(step.path)
          : t.http().get(step.path);
      void request.set(step.headers);
      const response = await (step.body === undefined
        ? request
        : request.send(step.body));

      expect(response.status).toBe(step.expected.status);
      for (const [name, value] of Object.entries(step.expected.headers)) {
        expect({ [name]: response.headers[name] }).toEqual({ [name]: value });
      }
      const body = response.body as Record<string, unknown>;
      const expected = step.expected.body as Record<string, unknown>;
      if ('requestId' in expected) {
        expect(body.requestId).toBe(response.headers['x-request-id']);
        expect(expected.requestId).toEqual(expect.any(String));
        expect({ ...body, requestId: '…' }).toEqual({
          ...expected,
          requestId: '…',
        });
      } else {
        expect(body).toEqual(expected);
      }
    },
  );
});
