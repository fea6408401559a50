import { describe, expect, it } from 'vitest';
import { validateNotification } from '../../../domain/notifications/model/notifications.ts';
import { isUlid } from '../../../domain/model/keys.ts';

const valid = { recipientUserId: 'user-1', kind: 'GENERAL' as const, title: 'Hello' };

describe('validateNotification', () => {
  it('accepts a notification with or without a caller-chosen ULID', () => {
    expect(validateNotification(valid)).toEqual([]);
    expect(validateNotification({ ...valid, id: '01JDZ8R3M5Q2W7X9Y1Z3A5B7C9' })).toEqual([]);
  });

  it.each([
    ['too short', '01JDZ8R3M5'],
    ['lower case', '01jdz8r3m5q2w7x9y1z3a5b7c9'],
    ['letters outside Crockford base32 (I, L, O, U)', '01JDZ8R3M5Q2W7X9Y1Z3A5B7CU'],
    ['a time beyond 48 bits', '81JDZ8R3M5Q2W7X9Y1Z3A5B7C9'],
  ])('refuses an id that is %s', (_case, id) => {
    expect(isUlid(id)).toBe(false);
    expect(validateNotification({ ...valid, id })).toEqual([expect.objectContaining({ field: 'id' })]);
  });

  it('refuses an empty title and an over-long body', () => {
    expect(validateNotification({ ...valid, title: '  ', body: 'x'.repeat(1001) }).map((p) => p.field)).toEqual(['title', 'body']);
  });
});
