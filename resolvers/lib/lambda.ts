import { util, type Context } from '@aws-appsync/utils';
import { failOnDataSourceError } from './errors.ts';

/** What the project's Lambda resolvers answer: a result, or a typed error to raise. */
export interface LambdaAnswer<T> {
  result?: T;
  error?: { type: string; message: string; info?: unknown };
}

/** Raises the Lambda's typed error (or the invoke's own failure); otherwise its result. */
export function lambdaResult<T>(ctx: Context): T {
  failOnDataSourceError(ctx);
  const answer = (ctx.result ?? {}) as LambdaAnswer<T>;
  if (answer.error) util.error(answer.error.message, answer.error.type, null, answer.error.info ?? null);
  return answer.result as T;
}
