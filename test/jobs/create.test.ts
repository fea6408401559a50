/**
 * Creating a job: every bad input is refused with VALIDATION_ERROR naming the field to change.
 */
import { describe, expect, it } from 'vitest';
import { buildJob, JobValidationError, type NewJobInput } from '../../domain/jobs/engine.ts';

const NOW = new Date('2026-03-01T12:00:00Z');
const CRUD: NewJobInput = {
  tenantId: 'acme',
  jobId: 'job-1',
  runner: 'AIML-SaaS-CRUD-Item',
  payload: { entity: 'employee', id: 'e-001', set: { preferredName: 'Gracie' } },
  runAt: '2026-03-02T00:00:00Z',
};

/** The fields a refused input names. */
function refusedFields(input: NewJobInput): string[] {
  try {
    buildJob(input, NOW);
  } catch (error) {
    expect(error).toBeInstanceOf(JobValidationError);
    expect((error as JobValidationError).errorType).toBe('VALIDATION_ERROR');
    return (error as JobValidationError).fields.map((f) => f.field);
  }
  throw new Error('the input was accepted');
}

describe('given a valid one-off CRUD job', () => {
  it('builds it pending at runAt with no attempts made', () => {
    const job = buildJob(CRUD, NOW);
    expect(job).toMatchObject({ status: 'pending', attempts: 0, maxAttempts: 5, nextRunAt: '2026-03-02T00:00:00.000Z', occurrenceAt: '2026-03-02T00:00:00.000Z' });
  });
});

describe('when the input is bad, creation is refused', () => {
  it('refuses an unknown runner', () => {
    expect(refusedFields({ ...CRUD, runner: 'AIML-SaaS-Bitcoin-Miner' })).toEqual(['runner']);
  });

  it('refuses a payload the runner does not accept', () => {
    expect(refusedFields({ ...CRUD, payload: { table: 'PIM', entityItem: 'EMP#001', set: { status: 'inactive' } } }))
      .toEqual(['payload.entity', 'payload.id', 'payload.table', 'payload.entityItem']);
    expect(refusedFields({ ...CRUD, payload: { entity: 'leave', id: 'EMP#001', set: {}, expectedVersion: 0 } }))
      .toEqual(['payload.entity', 'payload.id', 'payload.set', 'payload.expectedVersion']);
    expect(refusedFields({ ...CRUD, payload: 'update everything' })).toEqual(['payload']);
  });

  it('refuses every field the people module does not declare updatable by jobs', () => {
    const undeclared = ['UserId', 'createdAt', 'updatedAt', 'version', 'employment', 'employeeNumber', 'EntityItem', 'NameKey', 'id', 'tenantId', 'touchedByJob'];
    const set = Object.fromEntries(undeclared.map((field) => [field, 'x']));
    expect(refusedFields({ ...CRUD, payload: { entity: 'employee', id: 'e-001', set } })).toEqual(undeclared.map((field) => `payload.set.${field}`));
  });

  it.each([
    ['an email that is a number', { email: 42 }, 'payload.set.email'],
    ['an email that is not an address', { email: 'grace at acme' }, 'payload.set.email'],
    ['a phone that is not a number', { phone: 'call me' }, 'payload.set.phone'],
    ['a date of birth that is not a date', { dateOfBirth: 'yesterday' }, 'payload.set.dateOfBirth'],
    ['an impossible date of birth', { dateOfBirth: '1990-02-30' }, 'payload.set.dateOfBirth'],
    ['a name that is not text', { firstName: { first: 'Grace' } }, 'payload.set.firstName'],
    ['a required field cleared', { lastName: null }, 'payload.set.lastName'],
    ['an address missing its city', { address: { line1: '1 Main St', country: 'US' } }, 'payload.set.address'],
    ['an address with a field of its own', { address: { line1: '1 Main St', city: 'Springfield', country: 'US', planet: 'Mars' } }, 'payload.set.address'],
  ])('refuses %s by the types the API gives the field', (_case, set, field) => {
    expect(refusedFields({ ...CRUD, payload: { entity: 'employee', id: 'e-001', set } })).toEqual([field]);
  });

  it('accepts every personal field in the API\'s formats, and null for optional ones', () => {
    const set = {
      firstName: 'Grace', lastName: 'Hopper', preferredName: null, email: 'grace@acme.example', phone: '+1 212 555 0100',
      dateOfBirth: '1906-12-09', nationalId: null, address: { line1: '1 Navy Way', city: 'Arlington', country: 'US', region: null },
    };
    expect(buildJob({ ...CRUD, payload: { entity: 'employee', id: 'e-001', set, expectedVersion: 3 } }, NOW).payload).toEqual({ entity: 'employee', id: 'e-001', set, expectedVersion: 3 });
  });

  it('refuses a payload naming another tenant, by key or by tenant id', () => {
    expect(refusedFields({ ...CRUD, payload: { entity: 'employee', id: 'e-1', set: { preferredName: 'TENANT#globex' } } })).toEqual(['payload.set.preferredName']);
    // A placeholder copied from an example is refused at once, not left to die at run time.
    expect(refusedFields({ ...CRUD, payload: { entity: 'employee', id: '<employee id>', set: { preferredName: 'Gracie' } } })).toEqual(['payload.id']);
    expect(refusedFields({ ...CRUD, runner: 'AIML-SaaS-AttGen-Tenant', runAt: CRUD.runAt, payload: { tenantId: 'globex' } })).toEqual(['payload.tenantId']);
  });

  it('refuses a payload nested deeper than 8 levels or larger than 16 KiB, before any runner reads it', () => {
    const nest = (levels: number, inner: unknown = 1): unknown => (levels === 0 ? inner : { a: nest(levels - 1, inner) });
    // Within the bounds, the runner's own contract decides (the leave runner names the unknown field);
    // beyond them, the bounds check refuses the payload as a whole before any contract reads it.
    const tenantRunner = { ...CRUD, runner: 'AIML-SaaS-Employee-Earn-AL' };
    expect(refusedFields({ ...tenantRunner, payload: nest(8) })).toEqual(['payload.a']);
    expect(refusedFields({ ...tenantRunner, payload: nest(9) })).toEqual(['payload']);
    // Another tenant's key is found inside a nested value the contract accepts.
    const address = { line1: 'TENANT#globex', city: 'Berlin', country: 'DE' };
    expect(refusedFields({ ...CRUD, payload: { entity: 'employee', id: 'e-001', set: { address } } })).toEqual(['payload.set.address.line1']);
    expect(refusedFields({ ...CRUD, payload: JSON.parse(`${'['.repeat(5000)}${']'.repeat(5000)}`) })).toEqual(['payload']);
    expect(refusedFields({ ...CRUD, payload: { entity: 'employee', id: 'e-001', set: { firstName: 'G'.repeat(200_000) } } })).toEqual(['payload']);
  });

  it('refuses a system-wide runner scheduled by a customer tenant', () => {
    expect(refusedFields({ ...CRUD, runner: 'AIML-SaaS-AttGen-System', payload: {} })).toEqual(['runner']);
  });

  it('refuses a cron that never fires', () => {
    expect(refusedFields({ ...CRUD, runAt: undefined, schedule: { cron: '0 0 30 2 *', timeZone: 'UTC' } })).toEqual(['schedule.cron']);
  });

  it('refuses a cron that fires more often than once a minute', () => {
    expect(refusedFields({ ...CRUD, runAt: undefined, schedule: { cron: '*/10 * * * * *', timeZone: 'UTC' } })).toEqual(['schedule.cron']);
    expect(refusedFields({ ...CRUD, runAt: undefined, schedule: { cron: '@secondly', timeZone: 'UTC' } })).toEqual(['schedule.cron']);
  });

  it('refuses a malformed cron and a bad time zone', () => {
    expect(refusedFields({ ...CRUD, runAt: undefined, schedule: { cron: 'every morning', timeZone: 'UTC' } })).toEqual(['schedule.cron']);
    expect(refusedFields({ ...CRUD, runAt: undefined, schedule: { cron: '30 7 * * *', timeZone: 'Mars/Olympus' } })).toEqual(['schedule.timeZone']);
  });

  it('refuses a rate below one minute, a bad run time, and a job that is both one-off and recurring', () => {
    expect(refusedFields({ ...CRUD, runAt: undefined, schedule: { rateMinutes: 0.5 } })).toEqual(['schedule.rateMinutes']);
    expect(refusedFields({ ...CRUD, runAt: 'tomorrow' })).toEqual(['runAt']);
    expect(refusedFields({ ...CRUD, schedule: { rateMinutes: 5 } })).toEqual(['runAt']);
    expect(refusedFields({ ...CRUD, maxAttempts: 0 })).toEqual(['maxAttempts']);
  });
});
