import type { Context } from '@aws-appsync/utils';
import { tableEnvName, type TableId } from '../../domain/model/tables.ts';
import { fail } from './errors.ts';

/** The stage's physical table name, from the API's environment variables. */
export function tableName(ctx: Context, table: TableId): string {
  const name = ctx.env[tableEnvName(table)];
  return name ? name : fail('INTERNAL_ERROR', `The API is missing the ${tableEnvName(table)} environment variable.`);
}
