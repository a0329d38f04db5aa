import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Amount } from '../common/amount';
import { MYSQL_DIALECT } from './mysql/mysql-dialect';
import { recordStatements, Statement } from './mysql/record-statements';
import {
  counterDecrements,
  foldStatements,
  LOCK_MESSAGE,
} from './mysql/void-statements';
import {
  firstKeysSql,
  forgetUuidsSql,
  LIST_PARTITIONS,
  removeFirstSql,
  reorganizeSql,
  retireSql,
  walkSql,
} from './mysql/mysql-ledger-retention.repository';
import { monthPartition } from './mysql/ledger-partitions';
import { uuidBytes } from './mysql/mysql-uuid';
import { VOID_LEDGER } from './repositories/ledger-entries';
import { ADVANCE_HORIZON } from './repositories/ledger-retention.repository';
import { REMOVE_BEFORE as SQLITE_REMOVE_BEFORE } from './sqlite/sqlite-ledger-retention.repository';
import { PERIODS } from './periods';
import {
  differencesSql,
  rebuildSql,
  storedPeriodsSql,
} from './repositories/audit-sql';
import type { Sql, SqlDialect } from './sql-dialect';
import { SQLITE_DIALECT } from './sqlite/sqlite-dialect';
import { SQLITE_LEDGER_STATEMENTS } from './sqlite/sqlite-message-ledger.repository';
import {
  groupsPerPage,
  planPage,
  StatisticsFilter,
} from './statistics-query/statistics-plan';
import {
  boundSql,
  COUNTED_DAYS_SQL,
  pageSql,
} from './statistics-query/statistics-sql';

/**
 * Every shape of SQL the service sends, rendered for each database and
 * committed beside its code (mysql/queries.sql, sqlite/queries.sql), so
 * that a change of plan or of a statement shows in review. This test
 * fails when the rendered SQL and the files differ; `npm run sql:update`
 * writes them anew.
 */
const READS: Array<[string, StatisticsFilter]> = [
  [
    'all customers, a few days, per day',
    { from: '2026-03-01', to: '2026-03-03', groupBy: 'day', limit: 1000 },
  ],
  [
    'all customers, a quarter, per day',
    { from: '2026-01-01', to: '2026-03-31', groupBy: 'day', limit: 1000 },
  ],
  [
    'one customer, a few days, totals',
    { from: '2026-03-01', to: '2026-03-03', customerId: 7, limit: 1000 },
  ],
  [
    'all customers, a year, totals',
    { from: '2026-01-01', to: '2026-12-31', limit: 1000 },
  ],
  [
    'all customers, a ragged year, totals',
    { from: '2026-01-02', to: '2026-12-30', limit: 1000 },
  ],
  [
    'one customer and type, months and edge days, totals',
    {
      from: '2026-01-15',
      to: '2026-04-10',
      customerId: 7,
      type: 'A',
      limit: 1000,
    },
  ],
  [
    'all customers, two years, per month',
    { from: '2025-01-01', to: '2026-12-31', groupBy: 'month', limit: 1000 },
  ],
  [
    'all customers, ragged months, per month, after a key',
    {
      from: '2026-01-15',
      to: '2026-04-10',
      groupBy: 'month',
      after: { customerId: 7, type: 'A', month: '2026-02' },
      limit: 1000,
    },
  ],
  [
    'all customers, a few days, per day, after a key',
    {
      from: '2026-03-01',
      to: '2026-03-03',
      groupBy: 'day',
      after: { customerId: 7, type: 'A', date: '2026-03-02' },
      limit: 1000,
    },
  ],
  [
    'all customers, a month in Asia/Kolkata, totals',
    {
      from: '2026-03-01',
      to: '2026-03-31',
      timeZone: 'Asia/Kolkata',
      limit: 1000,
    },
  ],
  [
    'one customer, a year in Europe/Rome, per month',
    {
      from: '2026-01-01',
      to: '2026-12-31',
      timeZone: 'Europe/Rome',
      customerId: 7,
      groupBy: 'month',
      limit: 1000,
    },
  ],
  [
    'all customers, a week in America/New_York across its spring-forward day, per day, after a key',
    {
      from: '2026-03-05',
      to: '2026-03-11',
      timeZone: 'America/New_York',
      groupBy: 'day',
      after: { customerId: 7, type: 'A', date: '2026-03-08' },
      limit: 1000,
    },
  ],
  [
    'all customers, a quarter in Asia/Kathmandu, per ISO week',
    {
      from: '2026-01-01',
      to: '2026-03-31',
      timeZone: 'Asia/Kathmandu',
      groupBy: 'week',
      limit: 1000,
    },
  ],
  [
    'one customer, two days in Asia/Kathmandu, per hour, after a key',
    {
      from: '2026-03-01',
      to: '2026-03-02',
      timeZone: 'Asia/Kathmandu',
      customerId: 7,
      groupBy: 'hour',
      after: { customerId: 7, type: 'A', hour: '2026-03-01T05:00:00+05:45' },
      limit: 1000,
    },
  ],
  [
    'all customers, a day in UTC, per hour',
    {
      from: '2026-03-01',
      to: '2026-03-01',
      timeZone: 'UTC',
      groupBy: 'hour',
      limit: 1000,
    },
  ],
  [
    'all customers, 30 years, totals, after a group',
    {
      from: '1997-01-01',
      to: '2026-12-31',
      after: { customerId: 7, type: 'A' },
      limit: 1000,
    },
  ],
];

function shapes(dialect: SqlDialect): Array<[string, Sql]> {
  const reads = READS.flatMap(([name, filter]): Array<[string, Sql]> => {
    const plan = planPage(filter);
    const groups = groupsPerPage(plan);
    if (groups === undefined)
      return [[`GET /stats: ${name}`, pageSql(plan, dialect)]];
    const upTo = { customerId: 9, type: 'B' };
    return [
      [`GET /stats: ${name}: the page's bound`, boundSql(plan, groups)],
      [`GET /stats: ${name}: the page, bounded`, pageSql(plan, dialect, upTo)],
    ];
  });
  const audit = PERIODS.flatMap((period): Array<[string, Sql]> => {
    const first = period.firstDay('2026-03-15');
    const [counters, ledger] = differencesSql(period, first, dialect, 'ledger');
    const [, finer] = differencesSql(period, first, dialect, 'finer');
    const [remove, insert] = rebuildSql(period, first, dialect);
    return [
      [`stats:verify, a ${period.name}: its counters`, counters],
      [`stats:verify, a ${period.name}: its ledger`, ledger],
      ...(period.rebuiltFrom
        ? [
            [
              `stats:verify, a ${period.name} before the ledger's horizon: its finer counters`,
              finer,
            ] as [string, Sql],
          ]
        : []),
      [
        `stats:verify, the ${period.name}s stored`,
        storedPeriodsSql(
          period.column,
          period.table,
          first,
          period.lastDay(first),
        ),
      ],
      [`stats:rebuild, a ${period.name}: delete`, remove],
      [`stats:rebuild, a ${period.name}: insert`, insert],
    ];
  });
  return [
    ...reads,
    [
      'GET /stats in a zone, per period: the days the counters hold',
      { sql: COUNTED_DAYS_SQL, parameters: [] },
    ],
    ...audit,
  ];
}

const entry = (uuid: string, date: string) => ({
  uuid,
  customerId: 7,
  type: 'A',
  amount: Amount.parse('1.5'),
  date,
  receivedAt: new Date(`${date}T10:00:00.000Z`),
});

const MYSQL_WRITES = (): Array<[string, Sql]> =>
  recordStatements(
    [
      entry('00000000-0000-4000-8000-000000000001', '2026-03-15'),
      entry('00000000-0000-4000-8000-000000000002', '2026-03-16'),
    ],
    0,
  )
    .map(({ sql, parameters = [] }, index): [string, Sql] => [
      `POST /messages: two new messages, statement ${index + 1}`,
      { sql, parameters },
    ])
    .concat(MYSQL_VOID(), MYSQL_RETENTION());

const RETENTION = (...removal: Array<[string, Sql]>): Array<[string, Sql]> =>
  [
    [
      'move the horizon forward',
      { sql: ADVANCE_HORIZON, parameters: ['2025-10-29', '2025-10-29'] },
    ] as [string, Sql],
    ...removal,
  ].map(([name, sql]) => [`retention: ${name}`, sql]);

const MYSQL_RETENTION = (): Array<[string, Sql]> => {
  const uuid = uuidBytes('00000000-0000-4000-8000-000000000001');
  const sql = (text: string, parameters: unknown[] = []): Sql => ({
    sql: text,
    parameters,
  });
  return RETENTION(
    ['list the partitions', sql(LIST_PARTITIONS)],
    [
      'walk a month behind the horizon: the first chunk',
      sql(walkSql('m202509', false), [5000]),
    ],
    [
      'walk a month behind the horizon: the next chunk',
      sql(walkSql('m202509', true), ['2025-09-14', '2025-09-14', uuid, 5000]),
    ],
    [
      'forget the uuids of a chunk walked',
      sql(forgetUuidsSql(2), [uuid, uuid, '2025-10-01']),
    ],
    ['drop the month walked', sql(retireSql('m202509'))],
    [
      'the first partition: its oldest rows behind the horizon',
      sql(firstKeysSql('p_before'), ['2025-10-29', 5000]),
    ],
    [
      'the first partition: remove the rows read, their uuids forgotten',
      sql(removeFirstSql('p_before'), ['2025-10-29', 5000]),
    ],
    [
      'add the months ahead',
      sql(
        reorganizeSql('p_future', [
          monthPartition('2026-02-01'),
          monthPartition('2026-03-01'),
        ]),
      ),
    ],
  );
};

const MYSQL_VOID = (): Array<[string, Sql]> => {
  const uuid = '00000000-0000-4000-8000-000000000001';
  const stored = {
    ...entry(uuid, '2026-03-15'),
    receivedAt: '2026-03-15T10:00:00.000Z',
  };
  return [
    [
      'POST /messages/{uuid}/void: lock the message',
      { sql: LOCK_MESSAGE, parameters: [uuidBytes(uuid)] },
    ],
    [
      'POST /messages/{uuid}/void: mark it voided',
      {
        sql: VOID_LEDGER,
        parameters: [
          '2026-03-16 09:00:00.000',
          null,
          '2026-03-15',
          uuidBytes(uuid),
        ],
      },
    ],
    ...counterDecrements(stored, 0).flatMap(
      ({ period, key, take, deleteIfEmpty }): Array<[string, Sql]> => {
        const { lock, replace } = foldStatements(period, key);
        const [remove, insert] = replace([0, 1, 2], 1, 1n, 500n);
        const named = (
          what: string,
          { sql, parameters = [] }: Statement,
        ): [string, Sql] => [
          `POST /messages/{uuid}/void: ${what}`,
          { sql, parameters },
        ];
        return [
          named(`take it from its ${period.name}'s counter`, take),
          named(`delete the ${period.name}'s counter if empty`, deleteIfEmpty),
          named(
            `no slot holds it alone: lock the ${period.name}'s slots`,
            lock,
          ),
          named('no slot holds it alone: delete the slots read', remove),
          named('no slot holds it alone: write their sum less it', insert),
        ];
      },
    ),
  ];
};

const SQLITE_WRITES = (): Array<[string, Sql]> =>
  Object.entries(SQLITE_LEDGER_STATEMENTS())
    .map(([name, sql]): [string, Sql] => [
      `${name.includes('void') ? 'POST /messages/{uuid}/void' : 'POST /messages'}: ${name} (prepared, once per message)`,
      { sql, parameters: [] },
    ])
    .concat(
      RETENTION([
        'remove a chunk behind it',
        { sql: SQLITE_REMOVE_BEFORE, parameters: ['2025-10-29', 5000] },
      ]),
    );

/** A Buffer parameter (a uuid's 16 bytes) as 0x and its hex digits. */
function bytesAsHex(_key: string, value: unknown): unknown {
  const json = value as { type?: unknown; data?: unknown };
  return json?.type === 'Buffer' && Array.isArray(json.data)
    ? `0x${Buffer.from(json.data as number[]).toString('hex')}`
    : value;
}

function render(queries: Array<[string, Sql]>): string {
  return queries
    .map(
      ([name, { sql, parameters }]) =>
        `-- ${name}\n${parameters.length > 0 ? `-- parameters: ${JSON.stringify(parameters, bytesAsHex)}\n` : ''}${sql};\n`,
    )
    .join('\n');
}

describe.each([
  ['mysql', MYSQL_DIALECT, MYSQL_WRITES],
  ['sqlite', SQLITE_DIALECT, SQLITE_WRITES],
] as const)(
  'the SQL committed in %s/queries.sql',
  (folder, dialect, writes) => {
    const file = join(__dirname, folder, 'queries.sql');
    const rendered = `-- Every statement shape the service sends to this database, written by\n-- npm run sql:update from the code; checked by committed-sql.spec.ts.\n\n${render([...shapes(dialect), ...writes()])}`;

    if (process.env.UPDATE_SQL === '1') writeFileSync(file, rendered);

    it('is what the code sends: run npm run sql:update and review the difference', () => {
      expect(readFileSync(file, 'utf8')).toBe(rendered);
    });
  },
);
