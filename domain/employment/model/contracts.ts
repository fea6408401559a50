/**
 * Employment contracts: dates, versions of their terms, termination, and what they make of the
 * employee on a given day. Pure rules on calendar dates (`YYYY-MM-DD`); "today" is always the
 * caller's, in the tenant's time zone. APPSYNC_JS-safe: resolvers read contracts with it, the
 * employment Lambda and the daily runner write them with it.
 */
import { addDays, calendarDateOf } from '../../model/dates.ts';
import type { FieldProblem } from '../../model/errors.ts';
import { isValidEntityId, tenantKey } from '../../model/keys.ts';
import type {
  Contract,
  ContractStatus,
  ContractTerms as ContractTermsView,
  ContractTermsChangesInput,
  ContractTermsInput,
  EmploymentStatus,
  EmploymentSummary,
  EmploymentType,
  NewContractInput,
  PayBasis,
  TerminationReason,
} from '../../generated/graphql.ts';
import { calendarItemKey, contractItemKey, type CalendarKind } from './keys.ts';

export type ContractTerms = Omit<ContractTermsView, '__typename'>;

export interface ContractVersionRow {
  id: string;
  effectiveFrom: string;
  reason: string | null;
  terms: ContractTerms;
  createdAt: string;
  createdBy: string;
}

export interface TerminationRow {
  reason: TerminationReason;
  note: string | null;
  noticeGivenOn: string | null;
  lastWorkingDay: string;
  recordedAt: string;
  recordedBy: string;
}

/** The stored contract (Employment table), its versions inside it, oldest first. */
export interface ContractRow {
  TenantId: string;
  EntityItem: string;
  id: string;
  employeeId: string;
  startDate: string;
  /** Fixed-term end; the last working day once terminated. */
  endDate: string | null;
  probationEndDate: string | null;
  versions: ContractVersionRow[];
  termination: TerminationRow | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** The employee's summary as stored on their PIM record. */
export type EmploymentRecord = Omit<EmploymentSummary, '__typename'>;

const EMPLOYMENT_TYPES: EmploymentType[] = ['FULL_TIME', 'PART_TIME', 'CONTRACTOR', 'INTERN'];
const PAY_BASES: PayBasis[] = ['ANNUAL', 'MONTHLY', 'HOURLY'];
/** Currencies whose minor unit is not the cent (ISO 4217): no decimals, or three. */
const NO_DECIMALS = ['BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'UYI', 'VND', 'VUV', 'XAF', 'XOF', 'XPF'];
const THREE_DECIMALS = ['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND'];
/** Longest notice period accepted, in days. */
export const MAX_NOTICE_DAYS = 730;
export const MAX_WEEKLY_HOURS = 80;

/** Decimal places of a currency's minor unit (2 for most). */
export function currencyDecimals(currency: string): number {
  if (NO_DECIMALS.indexOf(currency) >= 0) return 0;
  return THREE_DECIMALS.indexOf(currency) >= 0 ? 3 : 2;
}

function trimmed(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const t = value.trim();
  return t === '' ? null : t;
}

function isUpperLetters(text: string): boolean {
  return text.split('').every((c) => c >= 'A' && c <= 'Z');
}

/**
 * An amount as a decimal string with exactly the currency's decimals (`52000` → `52000.00`), or
 * null when it is not a non-negative decimal with at most that many decimals and 12 integer digits.
 */
export function normaliseAmount(amount: string, currency: string): string | null {
  const text = amount.trim();
  const dot = text.indexOf('.');
  const whole = dot < 0 ? text : text.slice(0, dot);
  const fraction = dot < 0 ? '' : text.slice(dot + 1);
  const decimals = currencyDecimals(currency);
  const isDigits = (s: string) => s.split('').every((c) => c >= '0' && c <= '9');
  if (whole.length < 1 || whole.length > 12 || !isDigits(whole) || !isDigits(fraction)) return null;
  if (dot >= 0 && (fraction.length < 1 || fraction.length > decimals)) return null;
  const stripped = whole.length > 1 && whole.charAt(0) === '0' ? `${Number(whole)}` : whole;
  return decimals === 0 ? stripped : `${stripped}.${`${fraction}000`.slice(0, decimals)}`;
}

function hasAtMostTwoDecimals(value: number): boolean {
  return Math.abs(value * 100 - Math.round(value * 100)) < 1e-9;
}

/** Terms of a new contract, normalised (text trimmed, ids blank → null, fte default 100, amount in the currency's decimals). */
export function normaliseTerms(input: ContractTermsInput): ContractTerms {
  const currency = trimmed(input.payCurrency);
  const upperCurrency = currency ? currency.toUpperCase() : null;
  const amount = trimmed(input.payAmount);
  return {
    employmentType: input.employmentType,
    jobTitle: (trimmed(input.jobTitle) ?? ''),
    positionId: trimmed(input.positionId),
    departmentId: trimmed(input.departmentId),
    locationId: trimmed(input.locationId),
    costCentreId: trimmed(input.costCentreId),
    managerId: trimmed(input.managerId),
    ftePercent: input.ftePercent ?? 100,
    weeklyHours: input.weeklyHours ?? null,
    workScheduleId: trimmed(input.workScheduleId),
    noticePeriodDays: input.noticePeriodDays ?? null,
    payBasis: input.payBasis ?? null,
    payAmount: amount && upperCurrency ? (normaliseAmount(amount, upperCurrency) ?? amount) : amount,
    payCurrency: upperCurrency,
  };
}

/** An amendment's terms: the current ones with the given changes (omitted keep, null clears). */
export function amendedTerms(current: ContractTerms, changes: ContractTermsChangesInput): ContractTerms {
  const given = (key: keyof ContractTermsChangesInput): boolean => Object.hasOwn(changes, key) && changes[key] !== undefined;
  const merged: ContractTermsInput = {
    employmentType: given('employmentType') ? (changes.employmentType as EmploymentType) : current.employmentType,
    jobTitle: given('jobTitle') ? (changes.jobTitle ?? '') : current.jobTitle,
    positionId: given('positionId') ? changes.positionId : current.positionId,
    departmentId: given('departmentId') ? changes.departmentId : current.departmentId,
    locationId: given('locationId') ? changes.locationId : current.locationId,
    costCentreId: given('costCentreId') ? changes.costCentreId : current.costCentreId,
    managerId: given('managerId') ? changes.managerId : current.managerId,
    ftePercent: given('ftePercent') ? changes.ftePercent : current.ftePercent,
    weeklyHours: given('weeklyHours') ? changes.weeklyHours : current.weeklyHours,
    workScheduleId: given('workScheduleId') ? changes.workScheduleId : current.workScheduleId,
    noticePeriodDays: given('noticePeriodDays') ? changes.noticePeriodDays : current.noticePeriodDays,
    payBasis: given('payBasis') ? changes.payBasis : current.payBasis,
    payAmount: given('payAmount') ? changes.payAmount : current.payAmount,
    payCurrency: given('payCurrency') ? changes.payCurrency : current.payCurrency,
  };
  // A cleared fte means the default again.
  if (given('ftePercent') && changes.ftePercent === null) merged.ftePercent = 100;
  return normaliseTerms(merged);
}

/** Problems of a set of terms, with field names under `prefix` (e.g. `contract.terms`). */
export function termsProblems(terms: ContractTerms, prefix: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const at = (field: string) => `${prefix}.${field}`;
  if (EMPLOYMENT_TYPES.indexOf(terms.employmentType) < 0) problems.push({ field: at('employmentType'), message: `must be one of ${EMPLOYMENT_TYPES.join(', ')}` });
  if (terms.jobTitle.length < 1 || terms.jobTitle.length > 120) problems.push({ field: at('jobTitle'), message: 'must be 1 to 120 characters' });
  const ids: (keyof ContractTerms)[] = ['positionId', 'departmentId', 'locationId', 'costCentreId', 'managerId', 'workScheduleId'];
  for (const key of ids) {
    const value = terms[key];
    if (value !== null && !isValidEntityId(value)) problems.push({ field: at(key), message: 'must be an id: 1-64 letters, digits, "-" or "_"' });
  }
  if (!(terms.ftePercent > 0 && terms.ftePercent <= 100) || !hasAtMostTwoDecimals(terms.ftePercent)) {
    problems.push({ field: at('ftePercent'), message: 'must be more than 0 and at most 100, with at most two decimals' });
  }
  const hours = terms.weeklyHours;
  if (hours !== null && (!(hours > 0 && hours <= MAX_WEEKLY_HOURS) || !hasAtMostTwoDecimals(hours))) {
    problems.push({ field: at('weeklyHours'), message: `must be more than 0 and at most ${MAX_WEEKLY_HOURS}, with at most two decimals` });
  }
  const notice = terms.noticePeriodDays;
  if (notice !== null && (notice < 0 || notice > MAX_NOTICE_DAYS || Math.floor(notice) !== notice)) {
    problems.push({ field: at('noticePeriodDays'), message: `must be a whole number of days from 0 to ${MAX_NOTICE_DAYS}` });
  }
  const pay = [terms.payBasis, terms.payAmount, terms.payCurrency].filter((v) => v !== null).length;
  if (pay !== 0 && pay !== 3) problems.push({ field: at('payAmount'), message: 'payBasis, payAmount and payCurrency go together: give all three or none' });
  if (terms.payBasis !== null && PAY_BASES.indexOf(terms.payBasis) < 0) problems.push({ field: at('payBasis'), message: `must be one of ${PAY_BASES.join(', ')}` });
  const currency = terms.payCurrency;
  if (currency !== null && (currency.length !== 3 || !isUpperLetters(currency))) problems.push({ field: at('payCurrency'), message: 'must be an ISO 4217 code such as EUR' });
  else if (currency !== null && terms.payAmount !== null && normaliseAmount(terms.payAmount, currency) === null) {
    problems.push({ field: at('payAmount'), message: `must be a non-negative decimal amount with at most ${currencyDecimals(currency)} decimals for ${currency}, e.g. 52000.00` });
  }
  return problems;
}

/** Problems of a new contract's dates and terms (fields under `prefix`, e.g. `contract`). */
export function newContractProblems(input: NewContractInput, prefix: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const start = calendarDateOf(input.startDate);
  const end = input.endDate === null || input.endDate === undefined ? null : calendarDateOf(input.endDate);
  const probation = input.probationEndDate === null || input.probationEndDate === undefined ? null : calendarDateOf(input.probationEndDate);
  if (!start) problems.push({ field: `${prefix}.startDate`, message: 'must be a real date from 1900 to 2999 (YYYY-MM-DD)' });
  if (input.endDate && !end) problems.push({ field: `${prefix}.endDate`, message: 'must be a real date from 1900 to 2999 (YYYY-MM-DD)' });
  if (input.probationEndDate && !probation) problems.push({ field: `${prefix}.probationEndDate`, message: 'must be a real date from 1900 to 2999 (YYYY-MM-DD)' });
  if (start && end && end < start) problems.push({ field: `${prefix}.endDate`, message: 'cannot be before startDate' });
  if (start && probation && probation < start) problems.push({ field: `${prefix}.probationEndDate`, message: 'cannot be before startDate' });
  if (end && probation && probation > end) problems.push({ field: `${prefix}.probationEndDate`, message: 'must be within the contract (on or before endDate)' });
  return problems.concat(termsProblems(normaliseTerms(input.terms), `${prefix}.terms`));
}

/** A new contract row with its first version effective from the start. */
export function newContractRow(
  tenantId: string,
  employeeId: string,
  contractId: string,
  versionId: string,
  input: NewContractInput,
  createdBy: string,
  now: string,
): ContractRow {
  const startDate = calendarDateOf(input.startDate) as string;
  return {
    TenantId: tenantKey(tenantId),
    EntityItem: contractItemKey(employeeId, contractId),
    id: contractId,
    employeeId,
    startDate,
    endDate: input.endDate ? calendarDateOf(input.endDate) : null,
    probationEndDate: input.probationEndDate ? calendarDateOf(input.probationEndDate) : null,
    versions: [{ id: versionId, effectiveFrom: startDate, reason: null, terms: normaliseTerms(input.terms), createdAt: now, createdBy }],
    termination: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
}

/** Two contracts overlap unless one ends before the other starts (an open-ended contract never ends). */
export function contractsOverlap(a: Pick<ContractRow, 'startDate' | 'endDate'>, b: Pick<ContractRow, 'startDate' | 'endDate'>): boolean {
  const aEndsBefore = a.endDate !== null && a.endDate < b.startDate;
  const bEndsBefore = b.endDate !== null && b.endDate < a.startDate;
  return !aEndsBefore && !bEndsBefore;
}

/** Problems of adding `contract` next to the employee's `others`: no two contracts may overlap. */
export function overlapProblems(contract: Pick<ContractRow, 'id' | 'startDate' | 'endDate'>, others: ContractRow[], field: string): FieldProblem[] {
  const clash = others.find((other) => other.id !== contract.id && contractsOverlap(contract, other));
  if (!clash) return [];
  const until = clash.endDate ? `until ${clash.endDate}` : 'with no end date';
  return [{ field, message: `overlaps contract ${clash.id} (from ${clash.startDate} ${until}); an employee has one contract at a time` }];
}

/** The version of a contract in force on `date` (null before the contract starts). */
export function versionOn(contract: ContractRow, date: string): ContractVersionRow | null {
  let found: ContractVersionRow | null = null;
  for (const version of contract.versions) if (version.effectiveFrom <= date) found = version;
  return found;
}

/** The contract's latest version (contracts always have at least one). */
export function latestVersion(contract: ContractRow): ContractVersionRow {
  return contract.versions[contract.versions.length - 1] as ContractVersionRow;
}

/** Problems of an amendment effective from `effectiveFrom` (a valid date) to this contract. */
export function amendmentProblems(contract: ContractRow, effectiveFrom: string, reason: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const latest = latestVersion(contract);
  if (contract.termination) problems.push({ field: 'contractId', message: 'is terminated; a terminated contract is not amended' });
  if (effectiveFrom <= latest.effectiveFrom) {
    problems.push({ field: 'effectiveFrom', message: `must be after the latest version's start (${latest.effectiveFrom}): earlier versions are never rewritten` });
  }
  if (contract.endDate !== null && effectiveFrom > contract.endDate) problems.push({ field: 'effectiveFrom', message: `must be within the contract (on or before ${contract.endDate})` });
  const why = reason.trim();
  if (why.length < 1 || why.length > 500) problems.push({ field: 'reason', message: 'must be 1 to 500 characters' });
  return problems;
}

/** Problems of terminating this contract with `lastWorkingDay` (a valid date). */
export function terminationProblems(contract: ContractRow, lastWorkingDay: string, noticeGivenOn: string | null, note: string | null): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (contract.termination) problems.push({ field: 'contractId', message: `is already terminated (last working day ${contract.termination.lastWorkingDay})` });
  const latest = latestVersion(contract);
  if (lastWorkingDay < contract.startDate) problems.push({ field: 'lastWorkingDay', message: `cannot be before the contract's start (${contract.startDate})` });
  else if (lastWorkingDay < latest.effectiveFrom) {
    problems.push({ field: 'lastWorkingDay', message: `cannot be before the latest version's start (${latest.effectiveFrom}): versions already recorded are not undone` });
  }
  if (contract.endDate !== null && lastWorkingDay > contract.endDate) problems.push({ field: 'lastWorkingDay', message: `cannot be after the contract's end (${contract.endDate})` });
  if (noticeGivenOn !== null && noticeGivenOn > lastWorkingDay) problems.push({ field: 'noticeGivenOn', message: 'cannot be after lastWorkingDay' });
  if (note !== null && note.length > 1000) problems.push({ field: 'note', message: 'must be at most 1000 characters' });
  return problems;
}

/** The contract's status on `date`. */
export function contractStatusOn(contract: Pick<ContractRow, 'startDate' | 'endDate' | 'termination'>, date: string): ContractStatus {
  if (date < contract.startDate) return 'PENDING';
  if (contract.endDate !== null && date > contract.endDate) return contract.termination ? 'TERMINATED' : 'ENDED';
  return 'ACTIVE';
}

/** Contracts by start date, oldest first (ids break ties; ULIDs sort by creation). APPSYNC_JS has no sort comparators. */
export function byStart<T extends Pick<ContractRow, 'startDate' | 'id'>>(contracts: T[]): T[] {
  return contracts.reduce((sorted: T[], contract) => {
    const at = sorted.findIndex((other) => contract.startDate < other.startDate || (contract.startDate === other.startDate && contract.id < other.id));
    return at < 0 ? [...sorted, contract] : [...sorted.slice(0, at), contract, ...sorted.slice(at)];
  }, []);
}

function summary(contract: ContractRow, version: ContractVersionRow, status: EmploymentStatus): EmploymentRecord {
  const terms = version.terms;
  return {
    status,
    contractId: contract.id,
    employmentType: terms.employmentType,
    jobTitle: terms.jobTitle,
    positionId: terms.positionId,
    departmentId: terms.departmentId,
    locationId: terms.locationId,
    costCentreId: terms.costCentreId,
    managerId: terms.managerId,
    ftePercent: terms.ftePercent,
    hireDate: contract.startDate,
    terminationDate: contract.endDate,
  };
}

/**
 * What the employee's contracts make of them on `date`: the terms of the contract in force
 * (ACTIVE); before any has started, the next one's first terms (PENDING); after all have ended,
 * the last one's final terms (TERMINATED). Null when there is no contract at all.
 */
export function employmentOn(contracts: ContractRow[], date: string): EmploymentRecord | null {
  const sorted = byStart(contracts);
  const current = sorted.find((c) => contractStatusOn(c, date) === 'ACTIVE');
  if (current) return summary(current, versionOn(current, date) as ContractVersionRow, 'ACTIVE');
  const next = sorted.find((c) => c.startDate > date);
  if (next) return summary(next, next.versions[0] as ContractVersionRow, 'PENDING');
  const last = sorted[sorted.length - 1];
  if (!last) return null;
  return summary(last, versionOn(last, last.endDate ?? date) ?? latestVersion(last), 'TERMINATED');
}

/** One thing that happens to a contract on a day: what the daily runner reads. */
export interface CalendarEntry {
  date: string;
  kind: CalendarKind;
  versionId: string | null;
}

/** Every calendar entry of a contract: its start, each amendment, its end and its probation end. */
export function calendarEntries(contract: ContractRow): CalendarEntry[] {
  const entries: CalendarEntry[] = [{ date: contract.startDate, kind: 'START', versionId: null }];
  contract.versions.slice(1).forEach((version) => entries.push({ date: version.effectiveFrom, kind: 'EFFECTIVE', versionId: version.id }));
  if (contract.endDate !== null) entries.push({ date: contract.endDate, kind: 'END', versionId: null });
  if (contract.probationEndDate !== null) entries.push({ date: contract.probationEndDate, kind: 'PROBATION_END', versionId: null });
  return entries;
}

/** The calendar item key of an entry of a contract. */
export function calendarEntryKey(contract: Pick<ContractRow, 'employeeId' | 'id'>, entry: CalendarEntry): string {
  return calendarItemKey(entry.date, entry.kind, contract.employeeId, contract.id, entry.versionId);
}

/** The entries to add and remove when a contract changes from `before` (null: new) to `after`. */
export function calendarChanges(before: ContractRow | null, after: ContractRow): { put: CalendarEntry[]; remove: CalendarEntry[] } {
  const old = before ? calendarEntries(before) : [];
  const next = calendarEntries(after);
  const oldKeys = old.map((entry) => calendarEntryKey(after, entry));
  const nextKeys = next.map((entry) => calendarEntryKey(after, entry));
  return {
    put: next.filter((entry) => oldKeys.indexOf(calendarEntryKey(after, entry)) < 0),
    remove: old.filter((entry) => nextKeys.indexOf(calendarEntryKey(after, entry)) < 0),
  };
}

/** A stored contract as GraphQL shows it on `today`: versions with their last day, the status of the day. */
export function contractView(contract: ContractRow, today: string): Omit<Contract, '__typename'> {
  const versions = contract.versions.map((version, i) => {
    const next = contract.versions[i + 1];
    const effectiveTo = next ? addDays(next.effectiveFrom, -1) : contract.endDate;
    // The pay fields' resolver needs to know whose terms these are (see Employee.restrictedField).
    return { ...version, effectiveTo, terms: { ...version.terms, employeeId: contract.employeeId } };
  });
  return {
    id: contract.id,
    employeeId: contract.employeeId,
    startDate: contract.startDate,
    endDate: contract.endDate,
    probationEndDate: contract.probationEndDate,
    status: contractStatusOn(contract, today),
    termination: contract.termination,
    versions,
    version: contract.version,
    createdAt: contract.createdAt,
    updatedAt: contract.updatedAt,
  };
}
