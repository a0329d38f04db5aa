import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useTestApp } from './support/test-app';

/** When the walkthroughs were taken: their dates and `receivedAt` say so. */
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

/** The curl options the walkthroughs use: -i, -H, -d and the URL. */
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
 * A document's walkthrough: every ```sh block whose next fenced block is
 * an ```http answer. An answer without its command is an error: nothing
 * in a walkthrough goes unchecked.
 */
function walkthrough(document: string): Step[] {
  const text = readFileSync(join(__dirname, '..', document), 'utf8');
  const blocks = [...text.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map(
    ([, language, body]) => ({ language, body }),
  );
  const steps: Step[] = [];
  blocks.forEach(({ language, body }, i) => {
    if (language !== 'http') return;
    const command = blocks[i - 1];
    if (command?.language !== 'sh' || !command.body.startsWith('curl ')) {
      throw new Error(`an http answer without its curl command:\n${body}`);
    }
    steps.push({
      command: command.body.trim(),
      ...parseCurl(command.body.trim()),
      expected: parseHttp(body.trim()),
    });
  });
  return steps;
}

describe.each([
  ["the README's tour", 'README.md', 3],
  ['the walkthrough of docs/api.md', 'docs/api.md', 10],
])(`%s (${process.env.E2E_DATABASE})`, (_, document, fewest) => {
  const steps = walkthrough(document);
  const t = useTestApp({}, () => t.clock.set(WALKTHROUGH_CLOCK));

  it(`has its steps (at least ${fewest})`, () => {
    expect(steps.length).toBeGreaterThanOrEqual(fewest);
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
