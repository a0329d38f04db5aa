import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SQL_DIALECT, SqlDialect } from '../../src/database/sql-dialect';
import {
  groupsPerPage,
  planPage,
  StatisticsFilter,
} from '../../src/database/statistics-query/statistics-plan';
import {
  boundSql,
  pageSql,
} from '../../src/database/statistics-query/statistics-sql';

/**
 * The plans of a first page of GET /stats, as the database explains them:
 * the bound's (none for one customer), then the page's.
 */
export async function explainStatistics(
  app: INestApplication,
  filter: StatisticsFilter,
): Promise<{
  bound: Record<string, unknown>[];
  page: Record<string, unknown>[];
}> {
  const dataSource = app.get(DataSource);
  const dialect = app.get<SqlDialect>(SQL_DIALECT);
  const explain = ({
    sql,
    parameters,
  }: {
    sql: string;
    parameters: unknown[];
  }) =>
    dataSource.query<Record<string, unknown>[]>(
      `${dialect.explain} ${sql}`,
      parameters,
    );
  const plan = planPage(filter);
  const groups = groupsPerPage(plan);
  const upTo = groups === undefined ? undefined : { customerId: 0, type: '' };
  return {
    bound: groups === undefined ? [] : await explain(boundSql(plan, groups)),
    page: await explain(pageSql(plan, dialect, upTo)),
  };
}
