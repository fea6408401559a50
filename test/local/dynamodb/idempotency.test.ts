import { expect, it } from 'vitest';
import { IDEMPOTENCY_WINDOW_MS, IdempotencyTokens } from '../../../local/dynamodb/idempotency.ts';

it('remembers a successful token for ten minutes after completion, and nothing else', () => {
  let now = 0;
  const tokens = new IdempotencyTokens(() => now);

  expect(tokens.begin('t', 'request-1')).toEqual({ kind: 'run' });
  expect(tokens.begin('t', 'request-1')).toEqual({ kind: 'in-progress' });
  tokens.succeed('t', { answer: 1 });
  expect(tokens.begin('t', 'request-1')).toEqual({ kind: 'replay', response: { answer: 1 } });
  expect(tokens.begin('t', 'request-2')).toEqual({ kind: 'mismatch' });

  now = IDEMPOTENCY_WINDOW_MS;
  expect(tokens.begin('t', 'request-2')).toEqual({ kind: 'run' });
  tokens.fail('t');
  expect(tokens.begin('t', 'request-3')).toEqual({ kind: 'run' });
});
