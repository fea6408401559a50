/** What a data source hands back to the response handler: `ctx.result` and, on failure, `ctx.error`. */
export interface DataSourceResult {
  result: unknown;
  error?: { type: string; message: string };
}
