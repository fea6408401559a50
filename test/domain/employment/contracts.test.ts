/** Contract rules: versions, overlaps, termination, what contracts make of an employee on a day, the runner's calendar. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  amendedTerms,
  amendmentProblems,
  byStart,
  calendarChanges,
  calendarEntries,
  calendarEntryKey,
  contractStatusOn,
  contractView,
  employmentOn,
  newContractProblems,
  newContractRow,
  normaliseAmount,
  overlapProblems,
  terminationProblems,
  termsProblems,
  versionOn,
  type ContractRow,
} from '../../../domain/employment/model/contracts.ts';
import type { NewContractInput } from '../../../domain/generated/graphql.ts';
import { addDays, dateOfEpochDay, epochDay } from '../../../domain/model/dates.ts';
import { localDate } from '../../../domain/time.ts';

const NOW = '2025-01-01T00:00:00.000Z';
const terms = { jobTitle: 'Engineer', employmentType: 'FULL_TIME' as const };
const contract = (id: string, input: Partial<NewContractInput> = {}): ContractRow =>
  newContractRow('acme', 'E1', id, `${id}-v1`, { startDate: '2025-03-01', terms, ...input }, 'hr-user', NOW);
const amend = (c: ContractRow, effectiveFrom: string, jobTitle: string): ContractRow => ({
  ...c,
  versions: [...c.versions, { id: `${c.id}-v${c.versions.length + 1}`, effectiveFrom, reason: 'promotion', terms: { ...c.versions[0]!.terms, jobTitle }, createdAt: NOW, createdBy: 'hr' }],
  version: c.version + 1,
});
const fields = (problems: { field: string }[]) => problems.map((p) => p.field);

describe('a new contract', () => {
  it('starts with one version effective from its start, terms normalised', () => {
    const c = contract('C1', { terms: { ...terms, jobTitle: ' Engineer ', payBasis: 'ANNUAL', payAmount: '52000', payCurrency: 'eur' } });
    expect(c.versions).toHaveLength(1);
    expect(c.versions[0]).toMatchObject({ effectiveFrom: '2025-03-01', terms: { jobTitle: 'Engineer', ftePercent: 100, payAmount: '52000.00', payCurrency: 'EUR', managerId: null } });
    expect(c.EntityItem).toBe('CONTRACT#E1#C1');
  });

  it('is refused with every bad date and term named', () => {
    const problems = newContractProblems({
      startDate: '2025-02-30',
      endDate: '+99999-01-01',
      probationEndDate: '2024-01-01',
      terms: { ...terms, jobTitle: '', ftePercent: 100.001, weeklyHours: 90, noticePeriodDays: -1, payBasis: 'MONTHLY', payAmount: '12.345', payCurrency: 'EUR', managerId: 'a#b' },
    }, 'contract');
    expect(fields(problems)).toEqual([
      'contract.startDate', 'contract.endDate',
      'contract.terms.jobTitle', 'contract.terms.managerId', 'contract.terms.ftePercent', 'contract.terms.weeklyHours', 'contract.terms.noticePeriodDays', 'contract.terms.payAmount',
    ]);
    expect(fields(newContractProblems({ startDate: '2025-03-01', endDate: '2025-02-28', terms }, 'c'))).toEqual(['c.endDate']);
    expect(fields(newContractProblems({ startDate: '2025-03-01', endDate: '2025-06-30', probationEndDate: '2025-07-01', terms }, 'c'))).toEqual(['c.probationEndDate']);
    expect(fields(newContractProblems({ startDate: '2025-03-01', probationEndDate: '2025-02-01', terms }, 'c'))).toEqual(['c.probationEndDate']);
  });

  it('keeps pay basis, amount and currency together, and amounts in the currency\'s decimals', () => {
    expect(fields(termsProblems({ ...contract('C').versions[0]!.terms, payAmount: '100.00' }, 't'))).toEqual(['t.payAmount']);
    expect(normaliseAmount('1200', 'JPY')).toBe('1200');
    expect(normaliseAmount('1200.5', 'JPY')).toBeNull();
    expect(normaliseAmount('1.5', 'KWD')).toBe('1.500');
    expect(normaliseAmount('007.1', 'EUR')).toBe('7.10');
    for (const bad of ['-1', '1e3', '1.', '.5', '', '12.3.4', '1234567890123']) expect(normaliseAmount(bad, 'EUR'), bad).toBeNull();
  });

  it('never overlaps another contract of the employee', () => {
    const first = contract('C1', { startDate: '2024-01-01', endDate: '2024-12-31' });
    const open = contract('C2', { startDate: '2025-03-01' });
    expect(overlapProblems(contract('C3', { startDate: '2025-01-01', endDate: '2025-02-28' }), [first, open], 'x')).toEqual([]);
    expect(fields(overlapProblems(contract('C3', { startDate: '2024-12-31' }), [first], 'x'))).toEqual(['x']);
    expect(fields(overlapProblems(contract('C3', { startDate: '2030-01-01' }), [open], 'x'))).toEqual(['x']);
  });
});

describe('amendments', () => {
  const c = contract('C1', { endDate: '2026-02-28' });

  it('merge changes into the latest terms: omitted keep, null clears, a cleared fte is the default again', () => {
    const base = { ...c.versions[0]!.terms, managerId: 'M1', ftePercent: 80, weeklyHours: 32 };
    expect(amendedTerms(base, { jobTitle: 'Lead', managerId: null, ftePercent: null })).toMatchObject({ jobTitle: 'Lead', managerId: null, ftePercent: 100, weeklyHours: 32, employmentType: 'FULL_TIME' });
  });

  it('only ever add a version after the latest one, within the contract, with a reason', () => {
    expect(amendmentProblems(c, '2025-06-01', 'promotion')).toEqual([]);
    expect(fields(amendmentProblems(c, '2025-03-01', 'promotion'))).toEqual(['effectiveFrom']);
    expect(fields(amendmentProblems(c, '2026-03-01', ' '))).toEqual(['effectiveFrom', 'reason']);
    const later = amend(c, '2025-09-01', 'Lead');
    expect(fields(amendmentProblems(later, '2025-06-01', 'backdated before a later version'))).toEqual(['effectiveFrom']);
  });

  it('leave the versions before them as they were', () => {
    const later = amend(c, '2025-09-01', 'Lead');
    expect(later.versions[0]).toEqual(c.versions[0]);
    expect(versionOn(later, '2025-08-31')?.terms.jobTitle).toBe('Engineer');
    expect(versionOn(later, '2025-09-01')?.terms.jobTitle).toBe('Lead');
    expect(versionOn(later, '2025-02-28')).toBeNull();
    expect(contractView(later, '2025-10-01').versions.map((v) => [v.effectiveFrom, v.effectiveTo])).toEqual([['2025-03-01', '2025-08-31'], ['2025-09-01', '2026-02-28']]);
  });
});

describe('termination', () => {
  const c = contract('C1', { endDate: '2025-12-31' });

  it('needs a last working day within the contract, after any notice', () => {
    expect(terminationProblems(c, '2025-06-30', '2025-05-31', null)).toEqual([]);
    expect(fields(terminationProblems(c, '2025-02-28', null, null))).toEqual(['lastWorkingDay']);
    expect(fields(terminationProblems(c, '2026-01-01', null, null))).toEqual(['lastWorkingDay']);
    expect(fields(terminationProblems(c, '2025-06-30', '2025-07-01', 'x'.repeat(1001)))).toEqual(['noticeGivenOn', 'note']);
    // A version already recorded is not undone by a termination before it.
    expect(fields(terminationProblems(amend(c, '2025-09-01', 'Lead'), '2025-08-31', null, null))).toEqual(['lastWorkingDay']);
    const done = { ...c, endDate: '2025-06-30', termination: { reason: 'RESIGNATION' as const, note: null, noticeGivenOn: null, lastWorkingDay: '2025-06-30', recordedAt: NOW, recordedBy: 'hr' } };
    expect(fields(terminationProblems(done, '2025-06-29', null, null))).toEqual(['contractId']);
    expect(fields(amendmentProblems(done, '2025-05-01', 'late raise'))).toEqual(['contractId']);
    expect(contractStatusOn(done, '2025-06-30')).toBe('ACTIVE');
    expect(contractStatusOn(done, '2025-07-01')).toBe('TERMINATED');
    expect(contractStatusOn(c, '2026-01-01')).toBe('ENDED');
  });
});

describe('what contracts make of an employee on a day', () => {
  const earlier = contract('C1', { startDate: '2020-01-01', endDate: '2021-12-31' });
  const later = amend(contract('C2', { startDate: '2023-01-01', endDate: '2024-12-31' }), '2024-01-01', 'Lead');

  it('is PENDING before the first start, ACTIVE within a contract, TERMINATED between and after', () => {
    expect(employmentOn([later, earlier], '2019-12-31')).toMatchObject({ status: 'PENDING', contractId: 'C1', hireDate: '2020-01-01' });
    expect(employmentOn([later, earlier], '2020-01-01')).toMatchObject({ status: 'ACTIVE', contractId: 'C1', terminationDate: '2021-12-31' });
    expect(employmentOn([later, earlier], '2022-06-01')).toMatchObject({ status: 'PENDING', contractId: 'C2' });
    expect(employmentOn([later, earlier], '2024-06-01')).toMatchObject({ status: 'ACTIVE', contractId: 'C2', jobTitle: 'Lead' });
    expect(employmentOn([later, earlier], '2025-01-01')).toMatchObject({ status: 'TERMINATED', contractId: 'C2', jobTitle: 'Lead', terminationDate: '2024-12-31' });
    expect(employmentOn([], '2025-01-01')).toBeNull();
  });

  it('follows the contract day by day: ACTIVE exactly on the days a contract covers, with the terms in force', () => {
    const day = (n: number) => dateOfEpochDay(epochDay('2020-01-01') + n);
    const spans = fc.array(fc.tuple(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 0, max: 400 }), fc.option(fc.integer({ min: 1, max: 300 }))), { minLength: 1, maxLength: 4 });
    fc.assert(fc.property(spans, fc.integer({ min: 0, max: 3000 }), (gaps, probe) => {
      // Contracts one after another: each starts `gap` days after the last ended and lasts `length` days, one amendment inside.
      let cursor = 0;
      const contracts = gaps.map(([gap, length, amendAfter], i) => {
        const start = cursor + gap;
        cursor = start + length;
        let c = contract(`C${i}`, { startDate: day(start), endDate: day(start + length) });
        if (amendAfter !== null && amendAfter < length) c = amend(c, day(start + amendAfter), `Title ${i}`);
        return c;
      });
      const date = day(probe);
      const summary = employmentOn(contracts, date)!;
      const covering = contracts.find((c) => c.startDate <= date && date <= c.endDate!);
      expect(summary.status).toBe(covering ? 'ACTIVE' : date < contracts[0]!.startDate || contracts.some((c) => c.startDate > date) ? 'PENDING' : 'TERMINATED');
      if (covering) expect(summary.jobTitle).toBe(versionOn(covering, date)!.terms.jobTitle);
    }), { seed: 1207, numRuns: 400 });
  });

  it('depends on the tenant\'s time zone: at 23:30 UTC on the eve of a start, Berlin has started and New York has not', () => {
    const start = contract('C1', { startDate: '2027-03-28' });
    const instant = new Date('2027-03-27T23:30:00Z');
    expect(employmentOn([start], localDate(instant, 'Europe/Berlin'))!.status).toBe('ACTIVE');
    expect(employmentOn([start], localDate(instant, 'America/New_York'))!.status).toBe('PENDING');
    expect(employmentOn([start], localDate(instant, 'Pacific/Kiritimati'))!.status).toBe('ACTIVE');
  });

  it('counts days across daylight-saving changes as calendar days (23- and 25-hour days are one day each)', () => {
    // Europe/Berlin: 2027-03-28 has 23 hours, 2027-10-31 has 25.
    for (const [instant, date] of [['2027-03-28T00:30:00Z', '2027-03-28'], ['2027-03-28T21:59:00Z', '2027-03-28'], ['2027-03-28T22:00:00Z', '2027-03-29'], ['2027-10-30T22:30:00Z', '2027-10-31'], ['2027-10-31T22:59:00Z', '2027-10-31'], ['2027-10-31T23:00:00Z', '2027-11-01']] as const) {
      expect(localDate(new Date(instant), 'Europe/Berlin'), instant).toBe(date);
    }
    expect(addDays('2027-03-27', 1)).toBe('2027-03-28');
    expect(addDays('2027-10-31', 1)).toBe('2027-11-01');
  });
});

describe('the calendar the daily runner reads', () => {
  it('has the start, each amendment, the end and the probation end of a contract', () => {
    const c = amend(contract('C1', { endDate: '2026-02-28', probationEndDate: '2025-08-31' }), '2025-09-01', 'Lead');
    expect(calendarEntries(c).map((e) => `${e.date} ${e.kind}`)).toEqual(['2025-03-01 START', '2025-09-01 EFFECTIVE', '2026-02-28 END', '2025-08-31 PROBATION_END']);
    expect(calendarEntryKey(c, calendarEntries(c)[1]!)).toBe('CAL#2025-09-01#EFFECTIVE#E1#C1#C1-v2');
  });

  it('moves with the contract: the changes turn the old entries into the new ones', () => {
    const before = contract('C1', { endDate: '2026-02-28' });
    const after = { ...amend(before, '2025-09-01', 'Lead'), endDate: '2025-12-31' };
    const { put, remove } = calendarChanges(before, after);
    expect(put.map((e) => `${e.date} ${e.kind}`)).toEqual(['2025-09-01 EFFECTIVE', '2025-12-31 END']);
    expect(remove.map((e) => `${e.date} ${e.kind}`)).toEqual(['2026-02-28 END']);
    expect(calendarChanges(null, before).remove).toEqual([]);
  });
});

describe('ordering without sort comparators', () => {
  it('sorts contracts by start, then id', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.string({ minLength: 1, maxLength: 3 }))), (pairs) => {
      const rows = pairs.map(([d, id]) => ({ startDate: dateOfEpochDay(d), id }));
      const expected = rows.slice().sort((a, b) => (a.startDate === b.startDate ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.startDate < b.startDate ? -1 : 1));
      expect(byStart(rows).map((r) => `${r.startDate}/${r.id}`)).toEqual(expected.map((r) => `${r.startDate}/${r.id}`));
    }), { seed: 7, numRuns: 300 });
  });
});
