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

  it.each([
    ['the product\'s own https page', 'https://optimalhr.app/leave/requests/42', true],
    ['a subdomain of the product', 'https://acme.optimalhr.app/inbox', true],
    ['plain http', 'http://optimalhr.app/inbox', false],
    ['another site', 'https://evil.example/optimalhr.app', false],
    ['a look-alike host', 'https://optimalhr.app.evil.example/', false],
    ['credentials before the host', 'https://optimalhr.app@evil.example/', false],
    ['a javascript URL', 'javascript:alert(1)', false],
  ])('given a link to %s, then it is accepted only if it is the product\'s', (_case, link, accepted) => {
    expect(validateNotification({ ...valid, link })).toEqual(accepted ? [] : [expect.objectContaining({ field: 'link' })]);
  });
});
