/** `util.http`: header helpers with AppSync's restricted-header rules. */
import type { Invocation } from './contract.ts';
import { definedEntries, isMap } from './values.ts';

const RESTRICTED_REQUEST_HEADERS = new Set([
  'transfer-encoding', 'connection', 'host', 'expect', 'keep-alive',
  'upgrade', 'proxy-authenticate', 'proxy-authorization', 'te', 'content-length',
]);
const RESTRICTED_RESPONSE_HEADERS = new Set([
  ...RESTRICTED_REQUEST_HEADERS,
  'access-control-allow-credentials', 'access-control-allow-origin', 'access-control-expose-headers',
  'access-control-max-age', 'access-control-allow-methods', 'access-control-allow-headers',
  'vary', 'content-type',
]);

/** A copy of `headers` without the hop-by-hop headers AppSync refuses to forward. */
export function copyHeaders(headers: unknown): Record<string, unknown> {
  if (!isMap(headers)) return {};
  return Object.fromEntries(
    definedEntries(headers).filter(([name]) => !RESTRICTED_REQUEST_HEADERS.has(name.toLowerCase())),
  );
}

/**
 * Builds `util.http`. As in AppSync, a response header with an empty or restricted name or a null
 * value is dropped and recorded as a `ResponseHeaderError` instead of stopping the handler.
 */
export function createHttpUtil(current: () => Invocation) {
  const addResponseHeader = (name: string, value: unknown): void => {
    const lower = typeof name === 'string' ? name.toLowerCase() : '';
    const restricted =
      lower === '' || RESTRICTED_RESPONSE_HEADERS.has(lower) || lower.startsWith('x-amz-') || lower.startsWith('x-amzn-');
    if (restricted || value === null || value === undefined) {
      current().appendError({
        message: `Response header '${String(name)}' was not added: empty or restricted name, or null value`,
        errorType: 'ResponseHeaderError',
        data: null,
        errorInfo: null,
      });
      return;
    }
    current().addResponseHeader?.(name, value);
  };
  return {
    copyHeaders,
    addResponseHeader,
    addResponseHeaders: (headers: Record<string, unknown>) => {
      if (!isMap(headers)) return;
      for (const [name, value] of Object.entries(headers)) addResponseHeader(name, value);
    },
  };
}
