/* Generated from schema.graphql by `npm run codegen`. Do not edit. */
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  AWSDate: { input: string; output: string; }
  AWSDateTime: { input: string; output: string; }
  AWSEmail: { input: string; output: string; }
  AWSIPAddress: { input: string; output: string; }
  AWSJSON: { input: string; output: string; }
  AWSPhone: { input: string; output: string; }
  AWSTime: { input: string; output: string; }
  AWSTimestamp: { input: number; output: number; }
  AWSURL: { input: string; output: string; }
};

/** How often a policy earns leave. */
export type AccrualFrequency =
  /** The whole annual entitlement on the hire date and each anniversary of it. */
  | 'ANNIVERSARY'
  /** A twelfth of the annual entitlement at the end of each month (pro-rated by days inside a month). */
  | 'MONTHLY'
  /** Each pay period (payPeriodDays long from payPeriodAnchor) earns its days' share of the year. */
  | 'PAY_PERIOD'
  /** The whole year's entitlement on 1 January (pro-rated for joiners, leavers and part-time when the policy says so). */
  | 'UP_FRONT';

export type Address = {
  __typename?: 'Address';
  city: Scalars['String']['output'];
  /** ISO 3166-1 alpha-2 country code, e.g. DE. */
  country: Scalars['String']['output'];
  line1: Scalars['String']['output'];
  line2: Maybe<Scalars['String']['output']>;
  postalCode: Maybe<Scalars['String']['output']>;
  region: Maybe<Scalars['String']['output']>;
};

export type AddressInput = {
  city: Scalars['String']['input'];
  country: Scalars['String']['input'];
  line1: Scalars['String']['input'];
  line2?: InputMaybe<Scalars['String']['input']>;
  postalCode?: InputMaybe<Scalars['String']['input']>;
  region?: InputMaybe<Scalars['String']['input']>;
};

export type AdjustLeaveBalanceInput = {
  /** Optional id that makes a retry of the same adjustment a no-op. */
  adjustmentId?: InputMaybe<Scalars['ID']['input']>;
  /** Signed decimal in the type's unit, e.g. "-1.5"; not zero. */
  amount: Scalars['String']['input'];
  /** The day it counts from; default today. */
  date?: InputMaybe<Scalars['AWSDate']['input']>;
  employeeId: Scalars['ID']['input'];
  leaveTypeId: Scalars['ID']['input'];
  /** Why (1-500 characters); kept on the entry. */
  reason: Scalars['String']['input'];
};

export type AmendContractInput = {
  changes: ContractTermsChangesInput;
  contractId: Scalars['ID']['input'];
  /** After the contract's latest version, within the contract. */
  effectiveFrom: Scalars['AWSDate']['input'];
  employeeId: Scalars['ID']['input'];
  /** The contract version you read. */
  expectedVersion: Scalars['Int']['input'];
  reason: Scalars['String']['input'];
};

export type AssignSalaryStructureInput = {
  effectiveFrom: Scalars['AWSDate']['input'];
  employeeId: Scalars['ID']['input'];
  structureId: Scalars['ID']['input'];
};

export type AssignScheduleInput = {
  /** An employee of the tenant who is not archived. */
  employeeId: Scalars['ID']['input'];
  from: Scalars['AWSDate']['input'];
  note?: InputMaybe<Scalars['String']['input']>;
  /** A work pattern of the tenant that is not archived. */
  patternId: Scalars['ID']['input'];
  /** The last day (on or after from); leave it out for an open-ended assignment. */
  to?: InputMaybe<Scalars['AWSDate']['input']>;
};

/**
 * An employee's request to correct their punches, decided by their manager (anyone above them in the
 * management line) or an HR admin, never by themselves.
 */
export type AttendanceCorrection = {
  __typename?: 'AttendanceCorrection';
  /** APPROVED: the CORRECTION punch it added. */
  correctionPunchId: Maybe<Scalars['ID']['output']>;
  decidedAt: Maybe<Scalars['AWSDateTime']['output']>;
  decidedBy: Maybe<Scalars['ID']['output']>;
  decisionNote: Maybe<Scalars['String']['output']>;
  employeeId: Scalars['ID']['output'];
  id: Scalars['ID']['output'];
  kind: AttendanceCorrectionKind;
  originalAt: Maybe<Scalars['AWSDateTime']['output']>;
  proposedAt: Scalars['AWSDateTime']['output'];
  /** WRONG_TIME: the punch to correct, and its time. */
  punchId: Maybe<Scalars['ID']['output']>;
  punchType: PunchType;
  reason: Scalars['String']['output'];
  requestedAt: Scalars['AWSDateTime']['output'];
  requestedBy: Scalars['ID']['output'];
  status: AttendanceCorrectionStatus;
  version: Scalars['Int']['output'];
};

export type AttendanceCorrectionConnection = {
  __typename?: 'AttendanceCorrectionConnection';
  items: Array<AttendanceCorrection>;
  nextToken: Maybe<Scalars['String']['output']>;
};

export type AttendanceCorrectionKind =
  /** A check-in or check-out that was never made. */
  | 'MISSING_PUNCH'
  /** A punch at the wrong time. */
  | 'WRONG_TIME';

export type AttendanceCorrectionStatus =
  | 'APPROVED'
  | 'PENDING'
  | 'REJECTED';

/**
 * An employee's attendance on one calendar date (a night shift belongs to the date it starts),
 * generated from the plan and the punches once the shift's punch window has closed.
 */
export type AttendanceDay = {
  __typename?: 'AttendanceDay';
  date: Scalars['AWSDate']['output'];
  departmentId: Maybe<Scalars['ID']['output']>;
  /** Minutes from the departure to the shift's end, when before the grace minutes. */
  earlyExitMinutes: Scalars['Int']['output'];
  employeeId: Scalars['ID']['output'];
  firstIn: Maybe<Scalars['AWSDateTime']['output']>;
  flags: Array<AttendanceFlag>;
  generatedAt: Scalars['AWSDateTime']['output'];
  /** The holiday of the date, if any. */
  holiday: Maybe<Scalars['String']['output']>;
  lastOut: Maybe<Scalars['AWSDateTime']['output']>;
  /** Minutes from the shift's start to the arrival, when after the grace minutes. */
  lateMinutes: Scalars['Int']['output'];
  overtime: Array<OvertimeMinutes>;
  plannedEnd: Maybe<Scalars['AWSDateTime']['output']>;
  plannedStart: Maybe<Scalars['AWSDateTime']['output']>;
  /** The punches the day was computed from. */
  punchIds: Array<Scalars['ID']['output']>;
  /** The planned shift, if any. */
  shiftTypeId: Maybe<Scalars['ID']['output']>;
  status: AttendanceStatus;
  timeZone: Scalars['String']['output'];
  /** Time between check-ins and check-outs, less the unpaid break once it exceeds it. */
  workedMinutes: Scalars['Int']['output'];
};

export type AttendanceFlag =
  /** A punch of the day comes from an approved correction. */
  | 'CORRECTED'
  /** A punch of the day carries a flag (clock skew, geofence). */
  | 'FLAGGED_PUNCH'
  /** No check-out: the last check-in was closed by the shift's rules (at its end). */
  | 'FORGOTTEN_CHECKOUT'
  /** A check-in or check-out without its pair, left out of the time worked. */
  | 'UNPAIRED_PUNCH'
  /** Punches on a day without a schedule in force. */
  | 'UNSCHEDULED';

/** A department's month: a row per employee with records in it, a cell per day. */
export type AttendanceGrid = {
  __typename?: 'AttendanceGrid';
  days: Array<Scalars['AWSDate']['output']>;
  departmentId: Scalars['ID']['output'];
  month: Scalars['String']['output'];
  nextToken: Maybe<Scalars['String']['output']>;
  rows: Array<AttendanceGridRow>;
};

export type AttendanceGridRow = {
  __typename?: 'AttendanceGridRow';
  /** One cell per day of the month, in order; null where there is no record (yet). */
  cells: Array<Maybe<AttendanceDay>>;
  employeeId: Scalars['ID']['output'];
  firstName: Scalars['String']['output'];
  lastName: Scalars['String']['output'];
};

/** An employee's month: their daily records and every punch of the month. */
export type AttendanceMonth = {
  __typename?: 'AttendanceMonth';
  days: Array<AttendanceDay>;
  employeeId: Scalars['ID']['output'];
  /** YYYY-MM */
  month: Scalars['String']['output'];
  punches: Array<AttendancePunch>;
};

/**
 * One clock-in or clock-out. Punches are never changed or deleted: a wrong one is corrected by a
 * CORRECTION punch that names it (supersedes).
 */
export type AttendancePunch = {
  __typename?: 'AttendancePunch';
  /** When it happened, by the server's clock (a correction: the approved time). */
  at: Scalars['AWSDateTime']['output'];
  /** Device clock minus server clock, in seconds, when the device sent its time. */
  clockSkewSeconds: Maybe<Scalars['Int']['output']>;
  correctionId: Maybe<Scalars['ID']['output']>;
  createdAt: Scalars['AWSDateTime']['output'];
  /** The device's clock, when it sent it. */
  deviceTime: Maybe<Scalars['AWSDateTime']['output']>;
  /** The device's IANA time zone (corrections: none). */
  deviceTimeZone: Maybe<Scalars['String']['output']>;
  /** Distance from the centre of the location's geofence, when both are known. */
  distanceMeters: Maybe<Scalars['Float']['output']>;
  employeeId: Scalars['ID']['output'];
  flags: Array<PunchFlag>;
  id: Scalars['ID']['output'];
  localDate: Scalars['AWSDate']['output'];
  position: Maybe<GeoPosition>;
  /** The user who recorded it: the employee, a kiosk, or whoever approved the correction. */
  recordedBy: Scalars['ID']['output'];
  source: PunchSource;
  /** CORRECTION punches: the punch whose time this one replaces (a wrong time), and the request. */
  supersedes: Maybe<Scalars['ID']['output']>;
  /** The employee's work zone (their location's, else the tenant's) and the punch's calendar date there. */
  timeZone: Scalars['String']['output'];
  type: PunchType;
};

/** How a day went, against the plan. */
export type AttendanceStatus =
  /** A shift was planned and less than half a day was worked. */
  | 'ABSENT'
  /** Worked a full day, leaving before the grace minutes. */
  | 'EARLY_EXIT'
  /** Worked at least the shift's half-day minutes, not its full-day minutes. */
  | 'HALF_DAY'
  /** A public or company holiday on a working day. */
  | 'HOLIDAY'
  /** Worked a full day, arriving after the grace minutes. */
  | 'LATE'
  | 'ON_LEAVE'
  /** Worked a full day, on time. */
  | 'PRESENT'
  | 'REST_DAY';

/** An account pay goes to; the first listed receives it. */
export type BankAccount = {
  __typename?: 'BankAccount';
  accountHolder: Scalars['String']['output'];
  /** 8 or 11 characters, upper-case. */
  bic: Maybe<Scalars['String']['output']>;
  /** Without spaces, upper-case; checked with its mod-97 check digits. */
  iban: Scalars['String']['output'];
};

export type BankAccountInput = {
  accountHolder: Scalars['String']['input'];
  bic?: InputMaybe<Scalars['String']['input']>;
  /** Spaces allowed; any letter case. */
  iban: Scalars['String']['input'];
};

/** How an emergency contact is related to the employee. */
export type ContactRelationship =
  | 'CHILD'
  | 'FRIEND'
  | 'OTHER'
  | 'PARENT'
  | 'PARTNER'
  | 'RELATIVE'
  | 'SIBLING'
  | 'SPOUSE';

/** An employment contract of one employee: dates, versions of its terms, and its termination. */
export type Contract = {
  __typename?: 'Contract';
  createdAt: Scalars['AWSDateTime']['output'];
  employeeId: Scalars['ID']['output'];
  /** Fixed-term end, or the last working day once terminated. */
  endDate: Maybe<Scalars['AWSDate']['output']>;
  id: Scalars['ID']['output'];
  probationEndDate: Maybe<Scalars['AWSDate']['output']>;
  startDate: Scalars['AWSDate']['output'];
  /** As of today in the tenant's time zone. */
  status: ContractStatus;
  termination: Maybe<Termination>;
  updatedAt: Scalars['AWSDateTime']['output'];
  /** Increases on every change; pass it back as expectedVersion. */
  version: Scalars['Int']['output'];
  /** Oldest first. */
  versions: Array<ContractVersion>;
};

export type ContractStatus =
  | 'ACTIVE'
  /** A fixed-term contract past its end date. */
  | 'ENDED'
  /** Starts later. */
  | 'PENDING'
  /** Ended by a termination. */
  | 'TERMINATED';

/** What a contract version says. Pay fields are financial details: the employee and HR admins only. */
export type ContractTerms = {
  __typename?: 'ContractTerms';
  costCentreId: Maybe<Scalars['ID']['output']>;
  departmentId: Maybe<Scalars['ID']['output']>;
  employmentType: EmploymentType;
  /** Part-time share, 1-100 (at most two decimals). */
  ftePercent: Scalars['Float']['output'];
  jobTitle: Scalars['String']['output'];
  locationId: Maybe<Scalars['ID']['output']>;
  /** Employee id of the line manager. */
  managerId: Maybe<Scalars['ID']['output']>;
  noticePeriodDays: Maybe<Scalars['Int']['output']>;
  /** Decimal amount in payCurrency, e.g. 52000.00 (never a binary float). */
  payAmount: Maybe<Scalars['String']['output']>;
  payBasis: Maybe<PayBasis>;
  /** ISO 4217 code, e.g. EUR. */
  payCurrency: Maybe<Scalars['String']['output']>;
  positionId: Maybe<Scalars['ID']['output']>;
  /** Contracted hours per week. */
  weeklyHours: Maybe<Scalars['Float']['output']>;
  /** The working schedule (filled by the schedules module). */
  workScheduleId: Maybe<Scalars['ID']['output']>;
};

/** Terms to change in an amendment: omitted fields keep their value, null clears an optional field. */
export type ContractTermsChangesInput = {
  costCentreId?: InputMaybe<Scalars['ID']['input']>;
  departmentId?: InputMaybe<Scalars['ID']['input']>;
  employmentType?: InputMaybe<EmploymentType>;
  ftePercent?: InputMaybe<Scalars['Float']['input']>;
  jobTitle?: InputMaybe<Scalars['String']['input']>;
  locationId?: InputMaybe<Scalars['ID']['input']>;
  managerId?: InputMaybe<Scalars['ID']['input']>;
  noticePeriodDays?: InputMaybe<Scalars['Int']['input']>;
  payAmount?: InputMaybe<Scalars['String']['input']>;
  payBasis?: InputMaybe<PayBasis>;
  payCurrency?: InputMaybe<Scalars['String']['input']>;
  positionId?: InputMaybe<Scalars['ID']['input']>;
  weeklyHours?: InputMaybe<Scalars['Float']['input']>;
  workScheduleId?: InputMaybe<Scalars['ID']['input']>;
};

export type ContractTermsInput = {
  costCentreId?: InputMaybe<Scalars['ID']['input']>;
  departmentId?: InputMaybe<Scalars['ID']['input']>;
  employmentType: EmploymentType;
  /** Default 100. */
  ftePercent?: InputMaybe<Scalars['Float']['input']>;
  jobTitle: Scalars['String']['input'];
  locationId?: InputMaybe<Scalars['ID']['input']>;
  managerId?: InputMaybe<Scalars['ID']['input']>;
  noticePeriodDays?: InputMaybe<Scalars['Int']['input']>;
  payAmount?: InputMaybe<Scalars['String']['input']>;
  /** Pay basis, amount and currency go together. */
  payBasis?: InputMaybe<PayBasis>;
  payCurrency?: InputMaybe<Scalars['String']['input']>;
  positionId?: InputMaybe<Scalars['ID']['input']>;
  weeklyHours?: InputMaybe<Scalars['Float']['input']>;
  workScheduleId?: InputMaybe<Scalars['ID']['input']>;
};

/**
 * One version of a contract: its terms from effectiveFrom until the next version (or the contract's end).
 * Versions are only ever added; the past is never rewritten.
 */
export type ContractVersion = {
  __typename?: 'ContractVersion';
  createdAt: Scalars['AWSDateTime']['output'];
  /** User id of who recorded it. */
  createdBy: Scalars['ID']['output'];
  effectiveFrom: Scalars['AWSDate']['output'];
  /** Last day of this version; null while it runs open-ended. */
  effectiveTo: Maybe<Scalars['AWSDate']['output']>;
  id: Scalars['ID']['output'];
  /** Why the terms changed (amendments). */
  reason: Maybe<Scalars['String']['output']>;
  terms: ContractTerms;
};

/** A cost centre of the tenant: where the cost of departments and people is booked. */
export type CostCentre = {
  __typename?: 'CostCentre';
  archived: Scalars['Boolean']['output'];
  /** Records that reference the cost centre (employees, contracts, departments). Deleting needs 0. */
  assignmentCount: Scalars['Int']['output'];
  /** Unique within the tenant (stored upper-case), e.g. CC-100. */
  code: Scalars['String']['output'];
  createdAt: Scalars['AWSDateTime']['output'];
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  tenantId: Scalars['ID']['output'];
  updatedAt: Scalars['AWSDateTime']['output'];
  version: Scalars['Int']['output'];
};

export type CostCentreConnection = {
  __typename?: 'CostCentreConnection';
  items: Array<CostCentre>;
  nextToken: Maybe<Scalars['String']['output']>;
};

export type CreateCostCentreInput = {
  code: Scalars['String']['input'];
  name: Scalars['String']['input'];
};

export type CreateDepartmentInput = {
  code?: InputMaybe<Scalars['String']['input']>;
  /** A cost centre of the tenant that is not archived. */
  costCentreId?: InputMaybe<Scalars['ID']['input']>;
  /** An employee of the tenant. */
  headEmployeeId?: InputMaybe<Scalars['ID']['input']>;
  name: Scalars['String']['input'];
  /** The department to place it under; omit for a root department. */
  parentId?: InputMaybe<Scalars['ID']['input']>;
};

export type CreateEmployeeInput = {
  address?: InputMaybe<AddressInput>;
  /** At most 3; the first receives pay. */
  bankAccounts?: InputMaybe<Array<BankAccountInput>>;
  /** The first contract: hiring creates the employee and it in one step. */
  contract: NewContractInput;
  dateOfBirth?: InputMaybe<Scalars['AWSDate']['input']>;
  /** At most 20. */
  dependants?: InputMaybe<Array<DependantInput>>;
  email: Scalars['AWSEmail']['input'];
  /** At most 5. */
  emergencyContacts?: InputMaybe<Array<EmergencyContactInput>>;
  employeeNumber: Scalars['String']['input'];
  firstName: Scalars['String']['input'];
  gender?: InputMaybe<Gender>;
  lastName: Scalars['String']['input'];
  maritalStatus?: InputMaybe<MaritalStatus>;
  nationalId?: InputMaybe<Scalars['String']['input']>;
  nationality?: InputMaybe<Scalars['String']['input']>;
  personalEmail?: InputMaybe<Scalars['AWSEmail']['input']>;
  phone?: InputMaybe<Scalars['AWSPhone']['input']>;
  preferredName?: InputMaybe<Scalars['String']['input']>;
  /** At most 5, one per country. */
  taxIds?: InputMaybe<Array<TaxIdInput>>;
};

export type CreateJobInput = {
  /** Your id for the job (letters, digits, - or _): creating the same id twice is refused, so a retried create is safe. Default: generated. */
  id?: InputMaybe<Scalars['ID']['input']>;
  /** Attempts per occurrence, 1-20 (default 5). */
  maxAttempts?: InputMaybe<Scalars['Int']['input']>;
  /** The runner's input, as a JSON object; checked against the runner's contract. */
  payload: Scalars['AWSJSON']['input'];
  /** One-off jobs: when to run. */
  runAt?: InputMaybe<Scalars['AWSDateTime']['input']>;
  runner: Scalars['String']['input'];
  /** Recurring jobs: the schedule (instead of runAt). */
  schedule?: InputMaybe<JobScheduleInput>;
};

export type CreateLocationInput = {
  address: AddressInput;
  geofence?: InputMaybe<GeofenceInput>;
  name: Scalars['String']['input'];
  /** IANA time zone, e.g. Europe/Berlin (any letter case). */
  timeZone: Scalars['String']['input'];
};

export type CreatePayRunInput = {
  /** Default REGULAR; OFF_CYCLE only for a finalised period (a correction). */
  kind?: InputMaybe<PayRunKind>;
  /** The pay period, YYYY-MM. */
  period: Scalars['String']['input'];
};

export type CreatePositionInput = {
  code?: InputMaybe<Scalars['String']['input']>;
  /** A department of the tenant that is not archived. */
  departmentId?: InputMaybe<Scalars['ID']['input']>;
  title: Scalars['String']['input'];
};

export type CreateShiftTypeInput = {
  /** Default 0. */
  breakMinutes?: InputMaybe<Scalars['Int']['input']>;
  /** HH:MM; at or before start for a night shift. */
  end: Scalars['String']['input'];
  /** Default: the shift's length less the break. */
  fullDayMinutes?: InputMaybe<Scalars['Int']['input']>;
  /** Default 0. */
  graceEarlyMinutes?: InputMaybe<Scalars['Int']['input']>;
  /** Default 0. */
  graceLateMinutes?: InputMaybe<Scalars['Int']['input']>;
  /** Default: half of fullDayMinutes, rounded down. */
  halfDayMinutes?: InputMaybe<Scalars['Int']['input']>;
  name: Scalars['String']['input'];
  /** Default: no overtime rules. */
  overtime?: InputMaybe<OvertimeRulesInput>;
  /** HH:MM */
  start: Scalars['String']['input'];
  /** Default 240. */
  windowAfterMinutes?: InputMaybe<Scalars['Int']['input']>;
  /** Default 120. */
  windowBeforeMinutes?: InputMaybe<Scalars['Int']['input']>;
};

export type CreateTenantInput = {
  /** The first tenant admin: invited by email with a temporary password. */
  adminEmail: Scalars['String']['input'];
  displayName?: InputMaybe<Scalars['String']['input']>;
  /** trial, standard (default) or enterprise. */
  plan?: InputMaybe<Scalars['String']['input']>;
  settings?: InputMaybe<TenantSettingsInput>;
  /** The new tenant's id: 2-63 lowercase letters, digits or dashes, starting with a letter. */
  tenantId: Scalars['ID']['input'];
};

export type CreateWorkPatternInput = {
  anchorDate: Scalars['AWSDate']['input'];
  cycleDays: Scalars['Int']['input'];
  /** Exactly cycleDays entries: shift types of the tenant that are not archived, or null for rest days; at least one working day. */
  days: Array<InputMaybe<Scalars['ID']['input']>>;
  name: Scalars['String']['input'];
};

/** A field the tenant keeps on every employee record besides the built-in ones. */
export type CustomFieldDefinition = {
  __typename?: 'CustomFieldDefinition';
  editableBy: CustomFieldEditor;
  /** Lower camel case, e.g. shirtSize; unique within the tenant. */
  key: Scalars['String']['output'];
  label: Scalars['String']['output'];
  /** CHOICE only: the allowed values. */
  options: Array<Scalars['String']['output']>;
  /** A write of custom fields must leave it with a value. */
  required: Scalars['Boolean']['output'];
  type: CustomFieldType;
};

export type CustomFieldEditor =
  /** HR admins only. */
  | 'HR_ONLY'
  /** HR admins, and the employee on their own record (updateMyProfile). */
  | 'SELF_SERVICE';

/**
 * The tenant's custom fields. Removing a field or changing its type retires the values written
 * under it (they disappear from records at once and are dropped from each record on its next
 * change); other changes keep them, except values that no longer fit (a removed option).
 */
export type CustomFieldSchema = {
  __typename?: 'CustomFieldSchema';
  fields: Array<CustomFieldDefinition>;
  updatedAt: Maybe<Scalars['AWSDateTime']['output']>;
  /** 0 until the first field is declared; pass it back as expectedVersion to change the fields. */
  version: Scalars['Int']['output'];
};

export type CustomFieldType =
  /** true or false. */
  | 'BOOLEAN'
  /** One of the declared options. */
  | 'CHOICE'
  /** YYYY-MM-DD. */
  | 'DATE'
  /** A decimal number as text, e.g. -12.50 (never a binary float). */
  | 'NUMBER'
  /** Up to 1,000 characters. */
  | 'TEXT';

/** A value of one of the tenant's custom fields (see customFieldSchema), as text: decimal numbers, YYYY-MM-DD dates, true/false, or one of the choices. */
export type CustomFieldValue = {
  __typename?: 'CustomFieldValue';
  key: Scalars['String']['output'];
  value: Scalars['String']['output'];
};

export type CustomFieldValueInput = {
  key: Scalars['String']['input'];
  /** The value as text; null (or blank) clears it. */
  value?: InputMaybe<Scalars['String']['input']>;
};

export type DecideAttendanceCorrectionInput = {
  correctionId: Scalars['ID']['input'];
  employeeId: Scalars['ID']['input'];
  /** The version you read. */
  expectedVersion: Scalars['Int']['input'];
  /** At most 500 characters; shown to the employee. */
  note?: InputMaybe<Scalars['String']['input']>;
};

/** Declares a custom field, or replaces the declaration with the same key. */
export type DefineCustomFieldInput = {
  /** Default HR_ONLY. */
  editableBy?: InputMaybe<CustomFieldEditor>;
  /** The schema's version you read (0 before any field exists). */
  expectedVersion: Scalars['Int']['input'];
  key: Scalars['String']['input'];
  label: Scalars['String']['input'];
  /** CHOICE only: 1-50 distinct options. */
  options?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Default false. */
  required?: InputMaybe<Scalars['Boolean']['input']>;
  type: CustomFieldType;
};

/**
 * A department of the tenant: departments form a tree under root departments. Employees reference
 * it by id; its headcounts are kept by employee writes and cannot be set through the API.
 */
export type Department = {
  __typename?: 'Department';
  /** Ids from the root department down to the parent: the department's place in the tree. */
  ancestorIds: Array<Scalars['ID']['output']>;
  /** Retired: still readable, but nothing new may be assigned to it or placed under it. */
  archived: Scalars['Boolean']['output'];
  /** Records that reference the department (employees, contracts, positions). Deleting needs 0 and no sub-departments. */
  assignmentCount: Scalars['Int']['output'];
  /** Sub-departments directly below. */
  childCount: Scalars['Int']['output'];
  /** The tenant's own short code, unique within the tenant (stored upper-case, e.g. ENG). */
  code: Maybe<Scalars['String']['output']>;
  costCentreId: Maybe<Scalars['ID']['output']>;
  createdAt: Scalars['AWSDateTime']['output'];
  /** Levels below the root: 0 for a root department (at most 9). */
  depth: Scalars['Int']['output'];
  /** The employee who heads the department. */
  headEmployeeId: Maybe<Scalars['ID']['output']>;
  /** Employees of this department itself who count in headcount (ACTIVE or ON_LEAVE). */
  headcount: Scalars['Int']['output'];
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  /** The department directly above; null for a root department. */
  parentId: Maybe<Scalars['ID']['output']>;
  /** Headcount of this department and of every department below it. */
  subtreeHeadcount: Scalars['Int']['output'];
  tenantId: Scalars['ID']['output'];
  updatedAt: Scalars['AWSDateTime']['output'];
  /** Increases on every change; pass it back as expectedVersion to update. */
  version: Scalars['Int']['output'];
};

export type DepartmentConnection = {
  __typename?: 'DepartmentConnection';
  items: Array<Department>;
  nextToken: Maybe<Scalars['String']['output']>;
};

/** A family member the employee provides for (benefits, tax allowances, leave). */
export type Dependant = {
  __typename?: 'Dependant';
  dateOfBirth: Scalars['AWSDate']['output'];
  name: Scalars['String']['output'];
  relationship: DependantRelationship;
};

export type DependantInput = {
  dateOfBirth: Scalars['AWSDate']['input'];
  name: Scalars['String']['input'];
  relationship: DependantRelationship;
};

/** How a dependant is related to the employee. */
export type DependantRelationship =
  | 'CHILD'
  | 'FOSTER_CHILD'
  | 'OTHER'
  | 'PARENT'
  | 'PARTNER'
  | 'SPOUSE'
  | 'STEPCHILD';

export type DocumentDownload = {
  __typename?: 'DocumentDownload';
  document: EmployeeDocument;
  downloadUrl: Scalars['AWSURL']['output'];
  expiresAt: Scalars['AWSDateTime']['output'];
};

export type DocumentKind =
  | 'CERTIFICATE'
  | 'CONTRACT'
  | 'ID_DOCUMENT'
  | 'OTHER'
  | 'PAYSLIP'
  | 'PROFILE_PHOTO';

export type DocumentStatus =
  | 'AVAILABLE'
  /** An upload URL was issued; the file has not been seen yet. */
  | 'UPLOAD_PENDING';

/** Where to PUT the file: send exactly requiredHeaders with the request, before expiresAt. */
export type DocumentUpload = {
  __typename?: 'DocumentUpload';
  document: EmployeeDocument;
  expiresAt: Scalars['AWSDateTime']['output'];
  requiredHeaders: Scalars['AWSJSON']['output'];
  uploadUrl: Scalars['AWSURL']['output'];
};

export type EditHolidayInput = {
  action: HolidayEditAction;
  date: Scalars['AWSDate']['input'];
  /** ADD only: a half day off (from 12:00) rather than a full one. */
  halfDay?: InputMaybe<Scalars['Boolean']['input']>;
  /** The day's name: ADD and RENAME. */
  name?: InputMaybe<Scalars['String']['input']>;
  scope: HolidayScopeInput;
};

/** Whom to call in an emergency (personal details: the employee, their managers, HR admins and support). */
export type EmergencyContact = {
  __typename?: 'EmergencyContact';
  email: Maybe<Scalars['AWSEmail']['output']>;
  name: Scalars['String']['output'];
  phone: Scalars['AWSPhone']['output'];
  relationship: ContactRelationship;
};

export type EmergencyContactInput = {
  email?: InputMaybe<Scalars['AWSEmail']['input']>;
  name: Scalars['String']['input'];
  phone: Scalars['AWSPhone']['input'];
  relationship: ContactRelationship;
};

/** An employee of the caller's tenant (PIM record). */
export type Employee = {
  __typename?: 'Employee';
  address: Maybe<Address>;
  /** A leaver kept on record: still readable, out of the employee listings (but filter archived), changed only by restoreEmployee. */
  archived: Scalars['Boolean']['output'];
  archivedAt: Maybe<Scalars['AWSDateTime']['output']>;
  /** Financial details: the employee and HR admins only. */
  bankAccounts: Maybe<Array<BankAccount>>;
  createdAt: Scalars['AWSDateTime']['output'];
  /** Values of the tenant's custom fields, in the declarations' order; only values that fit the field's current declaration. */
  customFields: Maybe<Array<CustomFieldValue>>;
  dateOfBirth: Maybe<Scalars['AWSDate']['output']>;
  dependants: Maybe<Array<Dependant>>;
  /** Work email, unique within the tenant. */
  email: Scalars['AWSEmail']['output'];
  /** In the order to call them. */
  emergencyContacts: Maybe<Array<EmergencyContact>>;
  /** The tenant's own reference, unique within the tenant (e.g. E-0042). */
  employeeNumber: Scalars['String']['output'];
  employment: EmploymentSummary;
  firstName: Scalars['String']['output'];
  gender: Maybe<Gender>;
  id: Scalars['ID']['output'];
  lastName: Scalars['String']['output'];
  maritalStatus: Maybe<MaritalStatus>;
  /** Restricted personal data. */
  nationalId: Maybe<Scalars['String']['output']>;
  /** ISO 3166-1 alpha-2 country code, e.g. DE. */
  nationality: Maybe<Scalars['String']['output']>;
  /** Private email address, apart from the work email. */
  personalEmail: Maybe<Scalars['AWSEmail']['output']>;
  phone: Maybe<Scalars['AWSPhone']['output']>;
  /** The PROFILE_PHOTO document shown for the employee (setProfilePhoto; employeePhotoUrl gives a short-lived URL). */
  photoDocumentId: Maybe<Scalars['ID']['output']>;
  preferredName: Maybe<Scalars['String']['output']>;
  /** Financial details: the employee and HR admins only. */
  taxIds: Maybe<Array<TaxId>>;
  tenantId: Scalars['ID']['output'];
  updatedAt: Scalars['AWSDateTime']['output'];
  /** Increases on every change; pass it back as expectedVersion to update. */
  version: Scalars['Int']['output'];
};

/** What changed an employee record. */
export type EmployeeChange =
  | 'ARCHIVED'
  /** Contracts changed the employment summary, the contract list or the place in the management line. */
  | 'EMPLOYMENT_CHANGED'
  /** Hired (createEmployee). */
  | 'HIRED'
  | 'PHOTO_CHANGED'
  /** The employee changed their own profile (updateMyProfile). */
  | 'PROFILE_UPDATED'
  | 'RESTORED'
  /** An HR admin changed personal fields (updateEmployee). */
  | 'UPDATED';

export type EmployeeConnection = {
  __typename?: 'EmployeeConnection';
  items: Array<Employee>;
  /** Pass to the next call to continue; null when there is nothing more. */
  nextToken: Maybe<Scalars['String']['output']>;
};

/**
 * A file kept with an employee record (contract, certificate, profile photo...). The file itself
 * lives in S3; clients move it with presigned URLs.
 */
export type EmployeeDocument = {
  __typename?: 'EmployeeDocument';
  contentType: Scalars['String']['output'];
  createdAt: Scalars['AWSDateTime']['output'];
  /** User id of whoever requested the upload. */
  createdBy: Scalars['ID']['output'];
  employeeId: Scalars['ID']['output'];
  fileName: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  kind: DocumentKind;
  sizeBytes: Scalars['Int']['output'];
  status: DocumentStatus;
};

export type EmployeeDocumentConnection = {
  __typename?: 'EmployeeDocumentConnection';
  items: Array<EmployeeDocument>;
  nextToken: Maybe<Scalars['String']['output']>;
};

/**
 * Each combination is answered from an index, so pages are always full: none, lastNamePrefix,
 * status (+ lastNamePrefix), departmentId (+ status (+ lastNamePrefix)), archived (+ lastNamePrefix).
 * Archived employees are listed only with archived: true.
 */
export type EmployeeFilter = {
  /** true: archived leavers only (with lastNamePrefix at most). */
  archived?: InputMaybe<Scalars['Boolean']['input']>;
  departmentId?: InputMaybe<Scalars['ID']['input']>;
  /** Case-insensitive prefix of the last name. */
  lastNamePrefix?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<EmploymentStatus>;
};

export type EmployeeHistoryConnection = {
  __typename?: 'EmployeeHistoryConnection';
  items: Array<EmployeeHistoryEntry>;
  nextToken: Maybe<Scalars['String']['output']>;
};

/**
 * One change of an employee record: who, when and which fields — never their values. Fields are
 * named as in Employee (employment.jobTitle, customFields.<key>; managementLine for the place under
 * the managers, contracts for the contract list).
 */
export type EmployeeHistoryEntry = {
  __typename?: 'EmployeeHistoryEntry';
  change: EmployeeChange;
  changedAt: Scalars['AWSDateTime']['output'];
  /** User id of who made it, or system (the daily contract processing). */
  changedBy: Scalars['ID']['output'];
  employeeId: Scalars['ID']['output'];
  fields: Array<Scalars['String']['output']>;
  /** The record's version this change made. */
  version: Scalars['Int']['output'];
};

/** One employee's planned days of a department roster. */
export type EmployeeRoster = {
  __typename?: 'EmployeeRoster';
  days: Array<PlannedDay>;
  employeeId: Scalars['ID']['output'];
  firstName: Scalars['String']['output'];
  lastName: Scalars['String']['output'];
};

export type EmployeeRosterConnection = {
  __typename?: 'EmployeeRosterConnection';
  items: Array<EmployeeRoster>;
  nextToken: Maybe<Scalars['String']['output']>;
};

/** Employment status of an employee, derived from their contracts in the tenant's time zone. */
export type EmploymentStatus =
  | 'ACTIVE'
  | 'ON_LEAVE'
  /** Hired; the contract starts later. */
  | 'PENDING'
  /** The last contract has ended. */
  | 'TERMINATED';

/**
 * The employee's current employment: the terms of the contract in force today in the tenant's time
 * zone (or of the next one, while the employee is PENDING; or of the last one, once TERMINATED).
 * Read-only here: contracts change it (startContract, amendContract, terminateContract).
 */
export type EmploymentSummary = {
  __typename?: 'EmploymentSummary';
  /** The contract the summary comes from. */
  contractId: Scalars['ID']['output'];
  costCentreId: Maybe<Scalars['ID']['output']>;
  departmentId: Maybe<Scalars['ID']['output']>;
  employmentType: EmploymentType;
  /** Part-time share, 1-100. */
  ftePercent: Scalars['Float']['output'];
  /** Start of that contract. */
  hireDate: Scalars['AWSDate']['output'];
  jobTitle: Scalars['String']['output'];
  locationId: Maybe<Scalars['ID']['output']>;
  /** Employee id of the line manager. */
  managerId: Maybe<Scalars['ID']['output']>;
  positionId: Maybe<Scalars['ID']['output']>;
  status: EmploymentStatus;
  /** Last working day, when the contract has an end (fixed term or terminated). */
  terminationDate: Maybe<Scalars['AWSDate']['output']>;
};

export type EmploymentType =
  | 'CONTRACTOR'
  | 'FULL_TIME'
  | 'INTERN'
  | 'PART_TIME';

export type EndScheduleAssignmentInput = {
  employeeId: Scalars['ID']['input'];
  /** The assignment version you read. */
  expectedVersion: Scalars['Int']['input'];
  /** The assignment's first day: which assignment. */
  from: Scalars['AWSDate']['input'];
  /** The new last day: on or after from, and not into the employee's next assignment. */
  to: Scalars['AWSDate']['input'];
};

/** Self-described; sensitive (the employee and HR admins only). */
export type Gender =
  | 'FEMALE'
  | 'MALE'
  | 'NON_BINARY'
  | 'OTHER'
  | 'UNDISCLOSED';

export type GeoPosition = {
  __typename?: 'GeoPosition';
  /** Radius of uncertainty, in metres, as the device reported it. */
  accuracyMeters: Maybe<Scalars['Float']['output']>;
  latitude: Scalars['Float']['output'];
  longitude: Scalars['Float']['output'];
};

export type GeoPositionInput = {
  /** 0 to 5,000 metres. */
  accuracyMeters?: InputMaybe<Scalars['Float']['input']>;
  /** -90 to 90. */
  latitude: Scalars['Float']['input'];
  /** -180 to 180. */
  longitude: Scalars['Float']['input'];
};

/**
 * A circle around a location: punches from outside it (or without a position) are flagged or refused,
 * as the tenant's settings say.
 */
export type Geofence = {
  __typename?: 'Geofence';
  latitude: Scalars['Float']['output'];
  longitude: Scalars['Float']['output'];
  /** 10 to 10,000 metres. */
  radiusMeters: Scalars['Float']['output'];
};

export type GeofenceInput = {
  /** -90 to 90. */
  latitude: Scalars['Float']['input'];
  /** -180 to 180. */
  longitude: Scalars['Float']['input'];
  /** 10 to 10,000 metres. */
  radiusMeters: Scalars['Float']['input'];
};

/**
 * A day off of a calendar: public days in full, afternoon bank days (24 and 31 December in
 * Germany) as half days, the tenant's own changes applied. Observances are not days off.
 */
export type Holiday = {
  __typename?: 'Holiday';
  date: Scalars['AWSDate']['output'];
  fromTime: Maybe<Scalars['String']['output']>;
  /** A half day: time off from fromTime (HH:MM, local) on. */
  halfDay: Scalars['Boolean']['output'];
  name: Scalars['String']['output'];
  source: HolidaySource;
};

/**
 * A public-holiday calendar: a country (ISO 3166-1 alpha-2), optionally a state or province and a
 * region within it, as the holiday data knows them (DE; DE, BE; DE, BY, A for Augsburg).
 */
export type HolidayCalendarInput = {
  country: Scalars['String']['input'];
  region?: InputMaybe<Scalars['String']['input']>;
  state?: InputMaybe<Scalars['String']['input']>;
};

/**
 * A tenant's change to a holiday calendar on a date. A narrower scope's change wins on the same
 * date (a location's over its state's over its country's).
 */
export type HolidayEdit = {
  __typename?: 'HolidayEdit';
  action: HolidayEditAction;
  /** Set for a country, state or region change. */
  country: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['AWSDateTime']['output'];
  date: Scalars['AWSDate']['output'];
  halfDay: Scalars['Boolean']['output'];
  /** Set for a location's own change. */
  locationId: Maybe<Scalars['ID']['output']>;
  name: Maybe<Scalars['String']['output']>;
  region: Maybe<Scalars['String']['output']>;
  /** DE, DE-BE, DE-BY-A, or LOC:<locationId>: pass it to undoHolidayEdit. */
  scope: Scalars['String']['output'];
  state: Maybe<Scalars['String']['output']>;
  updatedAt: Scalars['AWSDateTime']['output'];
  version: Scalars['Int']['output'];
};

export type HolidayEditAction =
  /** A company day off on a day that is not off. */
  | 'ADD'
  /** A day off of the calendar worked as normal. */
  | 'REMOVE'
  /** A new name for a day off of the calendar. */
  | 'RENAME';

export type HolidayEditConnection = {
  __typename?: 'HolidayEditConnection';
  items: Array<HolidayEdit>;
  nextToken: Maybe<Scalars['String']['output']>;
};

/**
 * Whose calendar an edit changes: one location (locationId), or a country, a state within it or a
 * region within that (every location following it).
 */
export type HolidayScopeInput = {
  country?: InputMaybe<Scalars['String']['input']>;
  locationId?: InputMaybe<Scalars['ID']['input']>;
  region?: InputMaybe<Scalars['String']['input']>;
  state?: InputMaybe<Scalars['String']['input']>;
};

export type HolidaySource =
  /** Added by the tenant. */
  | 'COMPANY'
  /** The public calendar's (possibly renamed by the tenant). */
  | 'PUBLIC';

export type InviteUserInput = {
  /** Their email: Cognito sends the temporary password there. */
  email: Scalars['String']['input'];
  /** Their own employee record, if they are an employee of the tenant. */
  employeeId?: InputMaybe<Scalars['ID']['input']>;
  /** TenantAdmin, TenantUser or Kiosk (never a system role). */
  role: Scalars['String']['input'];
};

/** A background job of a tenant: one-off or recurring, run by a named runner. */
export type Job = {
  __typename?: 'Job';
  /** Attempts made at the current occurrence. */
  attempts: Scalars['Int']['output'];
  createdAt: Scalars['AWSDateTime']['output'];
  id: Scalars['ID']['output'];
  lastError: Maybe<JobError>;
  /** Until when the running attempt holds the job (running jobs). */
  leaseExpiresAt: Maybe<Scalars['AWSDateTime']['output']>;
  maxAttempts: Scalars['Int']['output'];
  /** When the job next starts (pending jobs). */
  nextRunAt: Maybe<Scalars['AWSDateTime']['output']>;
  /** The scheduled time of the current occurrence. */
  occurrenceAt: Scalars['AWSDateTime']['output'];
  /** The runner's input, as JSON. */
  payload: Scalars['AWSJSON']['output'];
  /** How far the latest run got, as its runner reported it (runners over many items report as they go). */
  progress: Maybe<JobProgress>;
  /** The runner, e.g. AIML-SaaS-CRUD-Item. */
  runner: Scalars['String']['output'];
  /** Runs started over the job's life. */
  runs: Scalars['Int']['output'];
  /** Recurring jobs only. */
  schedule: Maybe<JobSchedule>;
  status: JobStatus;
  tenantId: Scalars['ID']['output'];
  updatedAt: Scalars['AWSDateTime']['output'];
};

export type JobConnection = {
  __typename?: 'JobConnection';
  items: Array<Job>;
  nextToken: Maybe<Scalars['String']['output']>;
};

/** A job with its run history, newest run first. */
export type JobDetail = {
  __typename?: 'JobDetail';
  job: Job;
  runs: JobRunConnection;
};

export type JobError = {
  __typename?: 'JobError';
  at: Scalars['AWSDateTime']['output'];
  attempt: Scalars['Int']['output'];
  message: Scalars['String']['output'];
  /** The error type when the runner raised a typed error, e.g. VALIDATION_ERROR. */
  type: Maybe<Scalars['String']['output']>;
};

export type JobFilter = {
  runner?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<JobStatus>;
};

/** How far a run has got: `done` of `total` (null while unknown) units, e.g. 4,200 of 10,000 employees. */
export type JobProgress = {
  __typename?: 'JobProgress';
  /** When the runner reported it. */
  at: Scalars['AWSDateTime']['output'];
  done: Scalars['Int']['output'];
  message: Maybe<Scalars['String']['output']>;
  /** The occurrence the run works on. */
  occurrenceAt: Scalars['AWSDateTime']['output'];
  total: Maybe<Scalars['Int']['output']>;
  /** What is counted, e.g. employees. */
  unit: Scalars['String']['output'];
};

/** One run of a job: an attempt and its outcome. */
export type JobRun = {
  __typename?: 'JobRun';
  attempt: Scalars['Int']['output'];
  error: Maybe<Scalars['String']['output']>;
  finishedAt: Scalars['AWSDateTime']['output'];
  occurrenceAt: Scalars['AWSDateTime']['output'];
  /** SUCCEEDED or FAILED. */
  outcome: JobStatus;
  /** The last progress the run reported. */
  progress: Maybe<JobProgress>;
  run: Scalars['Int']['output'];
  startedAt: Scalars['AWSDateTime']['output'];
};

export type JobRunConnection = {
  __typename?: 'JobRunConnection';
  items: Array<JobRun>;
  nextToken: Maybe<Scalars['String']['output']>;
};

/** When a recurring job runs: a 5-field cron in an IANA time zone, or every rateMinutes. */
export type JobSchedule = {
  __typename?: 'JobSchedule';
  cron: Maybe<Scalars['String']['output']>;
  rateMinutes: Maybe<Scalars['Int']['output']>;
  timeZone: Maybe<Scalars['String']['output']>;
};

export type JobScheduleInput = {
  /** Minute hour day-of-month month day-of-week, e.g. "30 7 * * 1-5"; with timeZone. */
  cron?: InputMaybe<Scalars['String']['input']>;
  /** Instead of cron: run every this many minutes (at least 1). */
  rateMinutes?: InputMaybe<Scalars['Int']['input']>;
  /** IANA time zone of the cron, e.g. Europe/Berlin; daylight-saving changes keep local times. */
  timeZone?: InputMaybe<Scalars['String']['input']>;
};

export type JobStatus =
  | 'CANCELLED'
  /** Every attempt failed; lastError says why. Admins may retry it. */
  | 'DEAD'
  /** A run whose attempt failed (run history only; the job itself retries or dies). */
  | 'FAILED'
  /** Waiting for its run time (or for a retry after a failed attempt). */
  | 'PENDING'
  /** Claimed by the scheduler; a runner holds its lease. */
  | 'RUNNING'
  /** A one-off job that completed. */
  | 'SUCCEEDED';

/** One step of a leave type's approval chain. */
export type LeaveApprovalStep = {
  __typename?: 'LeaveApprovalStep';
  /** The step applies only to requests of more than this many counted days; null: always. */
  aboveDays: Maybe<Scalars['Int']['output']>;
  /** DEPARTMENT_HEAD: the department whose head decides. */
  departmentId: Maybe<Scalars['ID']['output']>;
  kind: LeaveApproverKind;
};

export type LeaveApprovalStepInput = {
  aboveDays?: InputMaybe<Scalars['Int']['input']>;
  /** Required for DEPARTMENT_HEAD, refused otherwise. */
  departmentId?: InputMaybe<Scalars['ID']['input']>;
  kind: LeaveApproverKind;
};

/** Who a pending request waits for: an employee (a manager, a department head) or HR. */
export type LeaveApprover = {
  __typename?: 'LeaveApprover';
  /** The deciding employee; null for HR. */
  employeeId: Maybe<Scalars['ID']['output']>;
  kind: LeaveApproverKind;
};

/** Who decides one step of a leave request. */
export type LeaveApproverKind =
  /** The head of a named department. */
  | 'DEPARTMENT_HEAD'
  /** Any HR admin (tenant admin). */
  | 'HR'
  /** The employee's manager (the management line's first step). */
  | 'LINE_MANAGER';

/** An employee's balance of one leave type. */
export type LeaveBalance = {
  __typename?: 'LeaveBalance';
  /** The sum of the ledger up to asOf (or the projection: plus accruals computed, not posted, up to that day). */
  amount: Scalars['String']['output'];
  /** The day the amount holds for. */
  asOf: Scalars['AWSDate']['output'];
  employeeId: Scalars['ID']['output'];
  leaveTypeId: Scalars['ID']['output'];
  /** Whether amount includes accruals not posted yet. */
  projected: Scalars['Boolean']['output'];
  unit: LeaveUnit;
};

/** One employee's day away in a team calendar. */
export type LeaveCalendarEntry = {
  __typename?: 'LeaveCalendarEntry';
  amount: Scalars['String']['output'];
  date: Scalars['AWSDate']['output'];
  employeeId: Scalars['ID']['output'];
  leaveTypeId: Scalars['ID']['output'];
  requestId: Scalars['ID']['output'];
  status: LeaveRequestStatus;
};

export type LeaveCalendarPage = {
  __typename?: 'LeaveCalendarPage';
  /** The page's employees' days away in the range, by employee then date. */
  items: Array<LeaveCalendarEntry>;
  /** Continues with the department's next employees. */
  nextToken: Maybe<Scalars['String']['output']>;
};

/** What moved a balance. */
export type LeaveEntryKind =
  | 'ACCRUAL'
  /** A manual correction, or the runner's correction of a period after a policy or contract change. */
  | 'ADJUSTMENT'
  | 'ALLOCATION'
  /** The reversal of a TAKEN entry (a cancelled request). */
  | 'CANCELLED'
  /** The year-end cut to the carry-forward maximum (0 when everything carries); carried says how much carried. */
  | 'CARRY_FORWARD'
  /** Carried leave not used in time. */
  | 'EXPIRY'
  | 'TAKEN';

export type LeaveLedgerConnection = {
  __typename?: 'LeaveLedgerConnection';
  items: Array<LeaveLedgerEntry>;
  nextToken: Maybe<Scalars['String']['output']>;
};

/** One immutable movement of a balance. */
export type LeaveLedgerEntry = {
  __typename?: 'LeaveLedgerEntry';
  /** Signed, in the type's unit. */
  amount: Scalars['String']['output'];
  /** CARRY_FORWARD only: how much carried into the next year. */
  carried: Maybe<Scalars['String']['output']>;
  /** The day the movement counts from. */
  date: Scalars['AWSDate']['output'];
  id: Scalars['ID']['output'];
  kind: LeaveEntryKind;
  leaveTypeId: Scalars['ID']['output'];
  postedAt: Scalars['AWSDateTime']['output'];
  /** The user (or runner) that posted it. */
  postedBy: Scalars['String']['output'];
  reason: Maybe<Scalars['String']['output']>;
};

/**
 * How a leave type is earned by the employees it applies to, from a date. On any day, an employee's
 * policy for a type is the one whose scope their contract version matches, the most specific first
 * (department, then location, then employment type), then the latest effectiveFrom.
 */
export type LeavePolicy = {
  __typename?: 'LeavePolicy';
  accrualFrequency: AccrualFrequency;
  /** Per year, in the type's unit. */
  annualEntitlement: Scalars['String']['output'];
  appliesTo: LeavePolicyScope;
  /** Carried days not used within this many months of the new year expire (1-12); null: they never expire. */
  carryForwardExpiryMonths: Maybe<Scalars['Int']['output']>;
  /** The most that carries into the next year, in the type's unit; null: everything carries. The rest lapses at year end. */
  carryForwardMax: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['AWSDateTime']['output'];
  effectiveFrom: Scalars['AWSDate']['output'];
  id: Scalars['ID']['output'];
  leaveTypeId: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  payPeriodAnchor: Maybe<Scalars['AWSDate']['output']>;
  /** PAY_PERIOD only: the length of a pay period (7 or 14) and the first day of one. */
  payPeriodDays: Maybe<Scalars['Int']['output']>;
  /** Part-timers earn by their contract's FTE %. */
  prorateByFte: Scalars['Boolean']['output'];
  /** Joiners and leavers earn only for the days they are employed (otherwise a period counts whole if employed on any day of it). */
  prorateJoinersLeavers: Scalars['Boolean']['output'];
  roundingMode: RoundingMode;
  /** Accruals are rounded to multiples of this amount, in the type's unit (e.g. "0.01", "0.5"). */
  roundingStep: Scalars['String']['output'];
  senioritySteps: Array<SeniorityStep>;
  updatedAt: Scalars['AWSDateTime']['output'];
  version: Scalars['Int']['output'];
};

export type LeavePolicyInput = {
  accrualFrequency: AccrualFrequency;
  annualEntitlement: Scalars['String']['input'];
  appliesTo?: InputMaybe<LeavePolicyScopeInput>;
  carryForwardExpiryMonths?: InputMaybe<Scalars['Int']['input']>;
  carryForwardMax?: InputMaybe<Scalars['String']['input']>;
  effectiveFrom: Scalars['AWSDate']['input'];
  leaveTypeId: Scalars['ID']['input'];
  name: Scalars['String']['input'];
  payPeriodAnchor?: InputMaybe<Scalars['AWSDate']['input']>;
  payPeriodDays?: InputMaybe<Scalars['Int']['input']>;
  prorateByFte?: InputMaybe<Scalars['Boolean']['input']>;
  prorateJoinersLeavers?: InputMaybe<Scalars['Boolean']['input']>;
  roundingMode?: InputMaybe<RoundingMode>;
  /** Default: one base unit (0.001 day, or 1 minute). */
  roundingStep?: InputMaybe<Scalars['String']['input']>;
  senioritySteps?: InputMaybe<Array<SeniorityStepInput>>;
};

/** Who a policy applies to: every criterion given must match the contract version in force that day; none given: everyone. */
export type LeavePolicyScope = {
  __typename?: 'LeavePolicyScope';
  departmentId: Maybe<Scalars['ID']['output']>;
  employmentType: Maybe<EmploymentType>;
  locationId: Maybe<Scalars['ID']['output']>;
};

export type LeavePolicyScopeInput = {
  departmentId?: InputMaybe<Scalars['ID']['input']>;
  employmentType?: InputMaybe<EmploymentType>;
  locationId?: InputMaybe<Scalars['ID']['input']>;
};

/** A leave request of an employee. */
export type LeaveRequest = {
  __typename?: 'LeaveRequest';
  /** What the request takes in total, in the type's unit. */
  amount: Scalars['String']['output'];
  attachmentDocumentId: Maybe<Scalars['ID']['output']>;
  days: Array<LeaveRequestDay>;
  employeeId: Scalars['ID']['output'];
  from: Scalars['AWSDate']['output'];
  halfDay: Scalars['Boolean']['output'];
  history: Array<LeaveRequestEvent>;
  /** Hours asked for on a one-day request of an hours type; null: the planned shift. */
  hours: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  leaveTypeId: Scalars['ID']['output'];
  reason: Scalars['String']['output'];
  requestedAt: Scalars['AWSDateTime']['output'];
  requestedBy: Scalars['ID']['output'];
  status: LeaveRequestStatus;
  /** The step deciding now (0-based) while PENDING. */
  step: Maybe<Scalars['Int']['output']>;
  to: Scalars['AWSDate']['output'];
  unit: LeaveUnit;
  version: Scalars['Int']['output'];
  /** Who decides now (PENDING only). */
  waitingFor: Maybe<LeaveApprover>;
};

export type LeaveRequestConnection = {
  __typename?: 'LeaveRequestConnection';
  items: Array<LeaveRequest>;
  nextToken: Maybe<Scalars['String']['output']>;
};

/** One calendar day of a request: what it takes ("0" on a holiday or rest day the type does not count). */
export type LeaveRequestDay = {
  __typename?: 'LeaveRequestDay';
  amount: Scalars['String']['output'];
  date: Scalars['AWSDate']['output'];
};

/** A step's outcome: APPROVED, REJECTED or CANCELLED by someone, or SKIPPED (the approver was away or gone). */
export type LeaveRequestEvent = {
  __typename?: 'LeaveRequestEvent';
  at: Scalars['AWSDateTime']['output'];
  /** The user who acted (SKIPPED: null). */
  by: Maybe<Scalars['ID']['output']>;
  kind: LeaveApproverKind;
  note: Maybe<Scalars['String']['output']>;
  outcome: Scalars['String']['output'];
  step: Scalars['Int']['output'];
};

export type LeaveRequestFilter = {
  /** Requests overlapping from..to (both or neither). */
  from?: InputMaybe<Scalars['AWSDate']['input']>;
  status?: InputMaybe<LeaveRequestStatus>;
  to?: InputMaybe<Scalars['AWSDate']['input']>;
};

export type LeaveRequestStatus =
  | 'APPROVED'
  | 'CANCELLED'
  | 'PENDING'
  | 'REJECTED';

/** A kind of leave: what it is counted in and the rules a request of it meets. */
export type LeaveType = {
  __typename?: 'LeaveType';
  /** Days of service before the type may be taken (0: from the start). */
  applicableAfterServiceDays: Scalars['Int']['output'];
  /** Who approves a request, in order (steps whose aboveDays the request does not exceed are left out). */
  approvalChain: Array<LeaveApprovalStep>;
  /** Requests longer than this many days need an attachment; null: never. */
  attachmentRequiredAboveDays: Maybe<Scalars['Int']['output']>;
  /** Whether leave of this type counts as worked time for overtime. */
  countsAsWorkedTime: Scalars['Boolean']['output'];
  /** Whether public holidays inside a request count against the balance. */
  countsHolidays: Scalars['Boolean']['output'];
  /** Whether rest days (per the schedule) inside a request count against the balance. */
  countsRestDays: Scalars['Boolean']['output'];
  createdAt: Scalars['AWSDateTime']['output'];
  id: Scalars['ID']['output'];
  /** Longest request in consecutive days; null: no limit. */
  maxConsecutiveDays: Maybe<Scalars['Int']['output']>;
  /** Days of notice a request needs (0: none). */
  minNoticeDays: Scalars['Int']['output'];
  name: Scalars['String']['output'];
  /** How far below zero a balance may go, in the type's unit ("0": not at all). */
  negativeBalanceLimit: Scalars['String']['output'];
  /** Paid leave or unpaid. */
  paid: Scalars['Boolean']['output'];
  unit: LeaveUnit;
  updatedAt: Scalars['AWSDateTime']['output'];
  version: Scalars['Int']['output'];
};

export type LeaveTypeInput = {
  applicableAfterServiceDays?: InputMaybe<Scalars['Int']['input']>;
  /** Who approves a request, in order (1-5 steps); default: the line manager. */
  approvalChain?: InputMaybe<Array<LeaveApprovalStepInput>>;
  attachmentRequiredAboveDays?: InputMaybe<Scalars['Int']['input']>;
  countsAsWorkedTime?: InputMaybe<Scalars['Boolean']['input']>;
  countsHolidays?: InputMaybe<Scalars['Boolean']['input']>;
  countsRestDays?: InputMaybe<Scalars['Boolean']['input']>;
  maxConsecutiveDays?: InputMaybe<Scalars['Int']['input']>;
  minNoticeDays?: InputMaybe<Scalars['Int']['input']>;
  name: Scalars['String']['input'];
  /** Decimal in the type's unit, e.g. "2" or "7.5"; default "0". */
  negativeBalanceLimit?: InputMaybe<Scalars['String']['input']>;
  paid: Scalars['Boolean']['input'];
  unit: LeaveUnit;
};

/** The unit a leave type is counted in. Amounts are decimal strings in it: days and half days exact to 0.001 day, hours to the minute. */
export type LeaveUnit =
  | 'DAYS'
  | 'HALF_DAYS'
  | 'HOURS';

/** A place where people work. Schedules and attendance run in its time zone. */
export type Location = {
  __typename?: 'Location';
  address: Address;
  /** Retired: still readable, but no longer assignable. */
  archived: Scalars['Boolean']['output'];
  /** Records that reference the location (employees, contracts). Deleting needs 0. */
  assignmentCount: Scalars['Int']['output'];
  createdAt: Scalars['AWSDateTime']['output'];
  /** Where punches of the people working here are expected; null: anywhere. */
  geofence: Maybe<Geofence>;
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  tenantId: Scalars['ID']['output'];
  /** IANA time zone, e.g. Europe/Berlin. */
  timeZone: Scalars['String']['output'];
  updatedAt: Scalars['AWSDateTime']['output'];
  version: Scalars['Int']['output'];
};

/**
 * Which public-holiday calendar a location follows. Without a choice of the tenant's, a location
 * follows its address's country (isDefault: true).
 */
export type LocationCalendar = {
  __typename?: 'LocationCalendar';
  country: Scalars['String']['output'];
  isDefault: Scalars['Boolean']['output'];
  locationId: Scalars['ID']['output'];
  region: Maybe<Scalars['String']['output']>;
  state: Maybe<Scalars['String']['output']>;
  updatedAt: Maybe<Scalars['AWSDateTime']['output']>;
  /** 0 while the location follows its address's country. */
  version: Scalars['Int']['output'];
};

export type LocationConnection = {
  __typename?: 'LocationConnection';
  items: Array<Location>;
  nextToken: Maybe<Scalars['String']['output']>;
};

export type MaritalStatus =
  | 'CIVIL_PARTNERSHIP'
  | 'DIVORCED'
  | 'MARRIED'
  | 'SEPARATED'
  | 'SINGLE'
  | 'UNDISCLOSED'
  | 'WIDOWED';

export type Mutation = {
  __typename?: 'Mutation';
  /** HR: posts a manual ADJUSTMENT with its reason to an employee's ledger. */
  adjustLeaveBalance: LeaveLedgerEntry;
  /** A new version of a contract's terms from a date; earlier versions stay as they are. */
  amendContract: Contract;
  /** Approves a pending request: adds its CORRECTION punch and recomputes the day. */
  approveAttendanceCorrection: AttendanceCorrection;
  /** Approves the current step of a pending request (its approver or HR); the last step takes the leave from the balance. */
  approveLeave: LeaveRequest;
  /** Approves a CALCULATED run with no payslip in error (optimistic: expectedVersion). */
  approvePayRun: PayRun;
  /** Archives a leaver (TERMINATED): still readable with contracts, documents and history, out of the listings, no longer changed or given contracts until restored. */
  archiveEmployee: Employee;
  /** Retires a shift type: plans that use it keep it; no pattern or one-off change may newly name it. */
  archiveShiftType: ShiftType;
  /** Retires a pattern: it stays in force where it is, but no contract or assignment may newly name it. */
  archiveWorkPattern: WorkPattern;
  /** Pays an employee by a structure from a day on (the same day again replaces that assignment). */
  assignSalaryStructure: SalaryStructureAssignment;
  /** Has an employee follow a pattern from a date (to a date, or open-ended); refused if it overlaps another of their assignments. */
  assignSchedule: ScheduleAssignment;
  /** Calculates (or recalculates) a DRAFT or CALCULATED run as a job; its payslips replace the last calculation's. */
  calculatePayRun: PayRun;
  /** Cancels a pending job; a running or finished job cannot be cancelled. */
  cancelJob: Job;
  /** Cancels a request, pending or approved (the employee or HR); an approved one gives its days back. */
  cancelLeave: LeaveRequest;
  /** Moves a tenant to another plan (trial, standard, enterprise); its limits apply to what is created next. */
  changeTenantPlan: Tenant;
  /** Takes back a one-off change: the day is planned as the employee's pattern says. Returns the removed change. */
  clearScheduleOverride: ScheduleOverride;
  /** Clocks in (server time), for the signed-in employee or, from a kiosk, for employeeId. */
  clockIn: AttendancePunch;
  /** Clocks out (server time), for the signed-in employee or, from a kiosk, for employeeId. */
  clockOut: AttendancePunch;
  createCostCentre: CostCentre;
  /** Creates a department, under parentId or as a root department. */
  createDepartment: Department;
  /** Hires: creates the employee with their first contract, in one step. */
  createEmployee: Employee;
  /** Schedules a job: one-off (runAt) or recurring (schedule). Unknown runners, bad payloads and schedules are refused. */
  createJob: Job;
  /** Defines a policy for a leave type. */
  createLeavePolicy: LeavePolicy;
  /** Defines a leave type. */
  createLeaveType: LeaveType;
  createLocation: Location;
  /** Opens a pay run for a period (DRAFT). CONFLICT while another run of the period is open, or for a finalised period (use OFF_CYCLE). */
  createPayRun: PayRun;
  createPosition: Position;
  /** Defines a salary structure; its formulas are checked (unknown names, cycles, division by zero) before it is saved. */
  createSalaryStructure: SalaryStructure;
  createShiftType: ShiftType;
  /** Onboards a tenant (pool, app clients, policy store, registry records, first admin, then activation), or resumes an onboarding that stopped. CONFLICT for an existing tenant or other input. */
  createTenant: TenantOnboarding;
  createWorkPattern: WorkPattern;
  /** Declares a custom field of the tenant's employee records, or changes one. */
  defineCustomField: CustomFieldSchema;
  /** Deletes a cost centre nothing is assigned to (CONFLICT otherwise; archive it instead). */
  deleteCostCentre: CostCentre;
  /** Deletes a department that has no sub-departments and nothing assigned (CONFLICT otherwise; archive it instead). Returns the deleted record. */
  deleteDepartment: Department;
  /** Withdraws a hire made by mistake: only while the employee has not started (PENDING) and manages no one. Leavers are archived, never deleted. Returns the removed record. */
  deleteEmployee: Employee;
  /** Deletes a policy; entries it earned stay in the ledger. */
  deleteLeavePolicy: LeavePolicy;
  /** Deletes a leave type no policy uses (CONFLICT otherwise). */
  deleteLeaveType: LeaveType;
  /** Deletes a location nothing is assigned to (CONFLICT otherwise; archive it instead). */
  deleteLocation: Location;
  /** Deletes a position nothing is assigned to (CONFLICT otherwise; archive it instead). */
  deletePosition: Position;
  /** Disables a user: sign-in refused, existing sessions refused within a minute. CONFLICT for the last active admin or oneself. */
  disableUser: TenantUser;
  /** Discards a run that is not approved (its payslips go; the period is open for a new run). */
  discardPayRun: PayRun;
  /** Adds a company day, or renames or removes a day off, for a country, state, region or one location; replaces an earlier change of that scope and date. */
  editHoliday: HolidayEdit;
  /** Enables a disabled user again. */
  enableUser: TenantUser;
  /** Sets an assignment's last day (sooner, or later if the next assignment leaves room). */
  endScheduleAssignment: ScheduleAssignment;
  /** Finalises an APPROVED run as a job: each payslip rendered as a PDF, filed as the employee's PAYSLIP document, then the employee told. */
  finalizePayRun: PayRun;
  /** Invites a user: Cognito emails a temporary password; membership, directory entry and SelfService link follow. LIMIT_EXCEEDED beyond the plan's users. */
  inviteUser: TenantUser;
  /** Links a user to their employee record (null unlinks): their token's employee and the SelfService template link follow. */
  linkUserToEmployee: TenantUser;
  /** Marks one of the signed-in user's notifications as read. */
  markNotificationRead: Notification;
  /** Internal callers (job runners, Lambda resolvers) only: stores a notification and pushes it to its recipient. */
  publishNotification: Maybe<Notification>;
  /** Reactivates a suspended tenant: everything resumes within a minute. CONFLICT unless SUSPENDED. */
  reactivateTenant: Tenant;
  /** Rejects a pending request. */
  rejectAttendanceCorrection: AttendanceCorrection;
  /** Rejects a pending request with a reason (its current approver or HR). */
  rejectLeave: LeaveRequest;
  /** Removes a custom field; its values disappear from every record. */
  removeCustomField: CustomFieldSchema;
  /** Removes an assignment that has not started yet (one that has is ended instead). Returns the removed assignment. */
  removeScheduleAssignment: ScheduleAssignment;
  /** Asks the employee's manager (or HR) to add a missing punch or fix a punch's time. */
  requestAttendanceCorrection: AttendanceCorrection;
  /** Registers a document and returns a short-lived URL to upload its file to. Type and size are checked first. */
  requestDocumentUpload: DocumentUpload;
  /** Asks for leave for yourself (HR: for an employee). Its length comes from the employee's schedule and holidays; refused with a typed error, nothing written, when a rule of the type says no. */
  requestLeave: LeaveRequest;
  /** Brings an archived employee back into the listings (e.g. to rehire them). */
  restoreEmployee: Employee;
  restoreShiftType: ShiftType;
  restoreWorkPattern: WorkPattern;
  /** Gives a dead job a fresh set of attempts, due now. */
  retryJob: Job;
  /** Sets the public-holiday calendar a location follows; unknown countries, states and regions are refused. */
  setLocationCalendar: LocationCalendar;
  /** Shows an uploaded PROFILE_PHOTO document as the employee's photo (or removes it). The employee's own, or any for HR admins. */
  setProfilePhoto: Employee;
  /** Changes one employee's day: another shift type, or a rest day. Replaces an earlier change of that day. */
  setScheduleOverride: ScheduleOverride;
  /** Gives a user another role of the tenant (applies at their next sign-in). CONFLICT for demoting the last active admin. */
  setUserRole: TenantUser;
  /** A new contract for an employee whose earlier contracts have ended (a rehire). */
  startContract: Contract;
  /** Suspends an active tenant: sign-in, API, subscriptions and jobs stop within a minute; its data stays. CONFLICT unless ACTIVE. */
  suspendTenant: Tenant;
  /** Ends a contract on a last working day, with the reason. */
  terminateContract: Contract;
  /** Takes back a change to a holiday calendar. Returns the removed change. */
  undoHolidayEdit: HolidayEdit;
  updateCostCentre: CostCentre;
  /** Changes a department; a new parentId moves it with everything below it (never under itself). */
  updateDepartment: Department;
  /** Changes personal fields (employment changes are contract amendments). */
  updateEmployee: Employee;
  /** Replaces a policy (optimistic: expectedVersion). Re-run the accrual for past periods to post the difference. */
  updateLeavePolicy: LeavePolicy;
  /** Replaces a leave type's definition (optimistic: expectedVersion). */
  updateLeaveType: LeaveType;
  updateLocation: Location;
  /** The signed-in employee changes their own contact details, emergency contacts and self-service custom fields. */
  updateMyProfile: Employee;
  /** Saves the currency and rounding rule (optimistic: expectedVersion, 0 for the first save). */
  updatePayrollSettings: PayrollSettings;
  updatePosition: Position;
  /** Replaces a structure's components (optimistic: expectedVersion); runs calculated later use them. */
  updateSalaryStructure: SalaryStructure;
  updateShiftType: ShiftType;
  updateWorkPattern: WorkPattern;
};


export type MutationAdjustLeaveBalanceArgs = {
  input: AdjustLeaveBalanceInput;
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationAmendContractArgs = {
  input: AmendContractInput;
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationApproveAttendanceCorrectionArgs = {
  input: DecideAttendanceCorrectionInput;
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationApproveLeaveArgs = {
  expectedVersion: Scalars['Int']['input'];
  id: Scalars['ID']['input'];
  note: InputMaybe<Scalars['String']['input']>;
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationApprovePayRunArgs = {
  expectedVersion: Scalars['Int']['input'];
  id: Scalars['ID']['input'];
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationArchiveEmployeeArgs = {
  expectedVersion: Scalars['Int']['input'];
  id: Scalars['ID']['input'];
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationArchiveShiftTypeArgs = {
  expectedVersion: Scalars['Int']['input'];
  id: Scalars['ID']['input'];
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationArchiveWorkPatternArgs = {
  expectedVersion: Scalars['Int']['input'];
  id: Scalars['ID']['input'];
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationAssignSalaryStructureArgs = {
  input: AssignSalaryStructureInput;
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationAssignScheduleArgs = {
  input: AssignScheduleInput;
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationCalculatePayRunArgs = {
  id: Scalars['ID']['input'];
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationCancelJobArgs = {
  id: Scalars['ID']['input'];
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationCancelLeaveArgs = {
  id: Scalars['ID']['input'];
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationChangeTenantPlanArgs = {
  id: Scalars['ID']['input'];
  plan: Scalars['String']['input'];
};


export type MutationClearScheduleOverrideArgs = {
  date: Scalars['AWSDate']['input'];
  employeeId: Scalars['ID']['input'];
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationClockInArgs = {
  input: PunchInput;
};


export type MutationClockOutArgs = {
  input: PunchInput;
};


export type MutationCreateCostCentreArgs = {
  input: CreateCostCentreInput;
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationCreateDepartmentArgs = {
  input: CreateDepartmentInput;
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationCreateEmployeeArgs = {
  input: CreateEmployeeInput;
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationCreateJobArgs = {
  input: CreateJobInput;
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationCreateLeavePolicyArgs = {
  input: LeavePolicyInput;
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationCreateLeaveTypeArgs = {
  input: LeaveTypeInput;
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationCreateLocationArgs = {
  input: CreateLocationInput;
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationCreatePayRunArgs = {
  input: CreatePayRunInput;
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationCreatePositionArgs = {
  input: CreatePositionInput;
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationCreateSalaryStructureArgs = {
  input: SalaryStructureInput;
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationCreateShiftTypeArgs = {
  input: CreateShiftTypeInput;
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationCreateTenantArgs = {
  input: CreateTenantInput;
};


export type MutationCreateWorkPatternArgs = {
  input: CreateWorkPatternInput;
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationDefineCustomFieldArgs = {
  input: DefineCustomFieldInput;
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationDeleteCostCentreArgs = {
  expectedVersion: InputMaybe<Scalars['Int']['input']>;
  id: Scalars['ID']['input'];
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationDeleteDepartmentArgs = {
  expectedVersion: InputMaybe<Scalars['Int']['input']>;
  id: Scalars['ID']['input'];
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationDeleteEmployeeArgs = {
  expectedVersion: InputMaybe<Scalars['Int']['input']>;
  id: Scalars['ID']['input'];
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationDeleteLeavePolicyArgs = {
  expectedVersion: Scalars['Int']['input'];
  id: Scalars['ID']['input'];
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationDeleteLeaveTypeArgs = {
  expectedVersion: Scalars['Int']['input'];
  id: Scalars['ID']['input'];
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationDeleteLocationArgs = {
  expectedVersion: InputMaybe<Scalars['Int']['input']>;
  id: Scalars['ID']['input'];
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationDeletePositionArgs = {
  expectedVersion: InputMaybe<Scalars['Int']['input']>;
  id: Scalars['ID']['input'];
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationDisableUserArgs = {
  tenantId: InputMaybe<Scalars['ID']['input']>;
  userId: Scalars['ID']['input'];
};


export type MutationDiscardPayRunArgs = {
  id: Scalars['ID']['input'];
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationEditHolidayArgs = {
  input: EditHolidayInput;
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationEnableUserArgs = {
  tenantId: InputMaybe<Scalars['ID']['input']>;
  userId: Scalars['ID']['input'];
};


export type MutationEndScheduleAssignmentArgs = {
  input: EndScheduleAssignmentInput;
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationFinalizePayRunArgs = {
  id: Scalars['ID']['input'];
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationInviteUserArgs = {
  input: InviteUserInput;
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationLinkUserToEmployeeArgs = {
  employeeId: InputMaybe<Scalars['ID']['input']>;
  tenantId: InputMaybe<Scalars['ID']['input']>;
  userId: Scalars['ID']['input'];
};


export type MutationMarkNotificationReadArgs = {
  id: Scalars['ID']['input'];
};


export type MutationPublishNotificationArgs = {
  input: PublishNotificationInput;
  tenantId: Scalars['ID']['input'];
};


export type MutationReactivateTenantArgs = {
  id: Scalars['ID']['input'];
  reason: InputMaybe<Scalars['String']['input']>;
};


export type MutationRejectAttendanceCorrectionArgs = {
  input: DecideAttendanceCorrectionInput;
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationRejectLeaveArgs = {
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationRemoveCustomFieldArgs = {
  expectedVersion: Scalars['Int']['input'];
  key: Scalars['String']['input'];
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationRemoveScheduleAssignmentArgs = {
  employeeId: Scalars['ID']['input'];
  expectedVersion: Scalars['Int']['input'];
  from: Scalars['AWSDate']['input'];
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationRequestAttendanceCorrectionArgs = {
  input: RequestAttendanceCorrectionInput;
};


export type MutationRequestDocumentUploadArgs = {
  input: RequestDocumentUploadInput;
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationRequestLeaveArgs = {
  input: RequestLeaveInput;
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationRestoreEmployeeArgs = {
  expectedVersion: Scalars['Int']['input'];
  id: Scalars['ID']['input'];
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationRestoreShiftTypeArgs = {
  expectedVersion: Scalars['Int']['input'];
  id: Scalars['ID']['input'];
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationRestoreWorkPatternArgs = {
  expectedVersion: Scalars['Int']['input'];
  id: Scalars['ID']['input'];
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationRetryJobArgs = {
  id: Scalars['ID']['input'];
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationSetLocationCalendarArgs = {
  input: SetLocationCalendarInput;
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationSetProfilePhotoArgs = {
  input: SetProfilePhotoInput;
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationSetScheduleOverrideArgs = {
  input: SetScheduleOverrideInput;
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationSetUserRoleArgs = {
  role: Scalars['String']['input'];
  tenantId: InputMaybe<Scalars['ID']['input']>;
  userId: Scalars['ID']['input'];
};


export type MutationStartContractArgs = {
  input: StartContractInput;
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationSuspendTenantArgs = {
  id: Scalars['ID']['input'];
  reason: InputMaybe<Scalars['String']['input']>;
};


export type MutationTerminateContractArgs = {
  input: TerminateContractInput;
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationUndoHolidayEditArgs = {
  date: Scalars['AWSDate']['input'];
  scope: Scalars['String']['input'];
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationUpdateCostCentreArgs = {
  input: UpdateCostCentreInput;
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationUpdateDepartmentArgs = {
  input: UpdateDepartmentInput;
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationUpdateEmployeeArgs = {
  input: UpdateEmployeeInput;
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationUpdateLeavePolicyArgs = {
  input: UpdateLeavePolicyInput;
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationUpdateLeaveTypeArgs = {
  input: UpdateLeaveTypeInput;
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationUpdateLocationArgs = {
  input: UpdateLocationInput;
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationUpdateMyProfileArgs = {
  input: UpdateMyProfileInput;
};


export type MutationUpdatePayrollSettingsArgs = {
  input: PayrollSettingsInput;
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationUpdatePositionArgs = {
  input: UpdatePositionInput;
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationUpdateSalaryStructureArgs = {
  input: UpdateSalaryStructureInput;
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationUpdateShiftTypeArgs = {
  input: UpdateShiftTypeInput;
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationUpdateWorkPatternArgs = {
  input: UpdateWorkPatternInput;
  tenantId: InputMaybe<Scalars['ID']['input']>;
};

export type NewContractInput = {
  /** Fixed-term contracts: the last day. */
  endDate?: InputMaybe<Scalars['AWSDate']['input']>;
  probationEndDate?: InputMaybe<Scalars['AWSDate']['input']>;
  startDate: Scalars['AWSDate']['input'];
  terms: ContractTermsInput;
};

/** A message for one user of a tenant; mobile clients receive it live through onNotification. */
export type Notification = {
  __typename?: 'Notification';
  body: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['AWSDateTime']['output'];
  id: Scalars['ID']['output'];
  kind: NotificationKind;
  /** Where the app should take the user, if anywhere. */
  link: Maybe<Scalars['AWSURL']['output']>;
  readAt: Maybe<Scalars['AWSDateTime']['output']>;
  /** The Cognito user (sub) it is for. */
  recipientUserId: Scalars['ID']['output'];
  tenantId: Scalars['ID']['output'];
  title: Scalars['String']['output'];
};

export type NotificationConnection = {
  __typename?: 'NotificationConnection';
  items: Array<Notification>;
  nextToken: Maybe<Scalars['String']['output']>;
};

export type NotificationKind =
  /** A correction request was approved or rejected (to the employee). */
  | 'ATTENDANCE_CORRECTION_DECIDED'
  /** An employee asks to correct their punches (to whoever may decide). */
  | 'ATTENDANCE_CORRECTION_REQUESTED'
  | 'CLOCK_REMINDER'
  /** A probation or a fixed-term contract ends soon (to managers and HR). */
  | 'CONTRACT_REMINDER'
  | 'DOCUMENT_SHARED'
  | 'GENERAL'
  /** A leave request was approved (a step or finally), rejected or cancelled (to the employee). */
  | 'LEAVE_DECISION'
  /** A leave request waits for the recipient's decision. */
  | 'LEAVE_REQUESTED'
  | 'PAYSLIP_READY';

/** One department in an org chart, with its depth below the chart's top. */
export type OrgUnit = {
  __typename?: 'OrgUnit';
  archived: Scalars['Boolean']['output'];
  childCount: Scalars['Int']['output'];
  code: Maybe<Scalars['String']['output']>;
  /** Levels below the chart's top: 0 for the department asked for (or for the root departments). */
  depth: Scalars['Int']['output'];
  headEmployeeId: Maybe<Scalars['ID']['output']>;
  /** Employees of this department itself who count in headcount. */
  headcount: Scalars['Int']['output'];
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  parentId: Maybe<Scalars['ID']['output']>;
  /** Headcount of this department and of every department below it, shown in the chart or not. */
  subtreeHeadcount: Scalars['Int']['output'];
};

/** An org chart, top levels first: each level's departments before the next level's. */
export type OrgUnitConnection = {
  __typename?: 'OrgUnitConnection';
  items: Array<OrgUnit>;
  nextToken: Maybe<Scalars['String']['output']>;
};

export type OvertimeKind =
  | 'AFTER_SHIFT'
  | 'BEFORE_SHIFT'
  | 'HOLIDAY'
  | 'REST_DAY';

/** Extra minutes of one kind, with the multiplier payroll prices them at. */
export type OvertimeMinutes = {
  __typename?: 'OvertimeMinutes';
  kind: OvertimeKind;
  minutes: Scalars['Int']['output'];
  /** A decimal string, e.g. 1.5. */
  multiplier: Scalars['String']['output'];
};

/** How one kind of extra time is priced: minutes from minimumMinutes on count, at multiplier. */
export type OvertimeRule = {
  __typename?: 'OvertimeRule';
  /** Extra time shorter than this is not overtime (0-600). */
  minimumMinutes: Scalars['Int']['output'];
  /** A decimal string from 1.00 to 5.00, two decimals (never a binary float). */
  multiplier: Scalars['String']['output'];
};

export type OvertimeRuleInput = {
  minimumMinutes: Scalars['Int']['input'];
  /** A decimal string from 1.00 to 5.00 with at most two decimals, e.g. "1.5". */
  multiplier: Scalars['String']['input'];
};

/** A shift type's overtime rules; a rule left out means that kind of extra time is not overtime. */
export type OvertimeRules = {
  __typename?: 'OvertimeRules';
  /** Worked after the shift's end. */
  afterShift: Maybe<OvertimeRule>;
  /** Worked before the shift's start. */
  beforeShift: Maybe<OvertimeRule>;
  /** Every minute worked on a public or company holiday. */
  holiday: Maybe<OvertimeRule>;
  /** Every minute worked on a rest day. */
  restDay: Maybe<OvertimeRule>;
};

export type OvertimeRulesInput = {
  afterShift?: InputMaybe<OvertimeRuleInput>;
  beforeShift?: InputMaybe<OvertimeRuleInput>;
  holiday?: InputMaybe<OvertimeRuleInput>;
  restDay?: InputMaybe<OvertimeRuleInput>;
};

export type PayBasis =
  | 'ANNUAL'
  | 'HOURLY'
  | 'MONTHLY';

/** How long a pay period is. Monthly to start; the model keeps room for others. */
export type PayFrequency =
  | 'MONTHLY';

export type PayRun = {
  __typename?: 'PayRun';
  /** How many times it was calculated; each calculation replaces the payslips of the one before. */
  calculation: Scalars['Int']['output'];
  createdAt: Scalars['AWSDateTime']['output'];
  /** Payslips filed and employees told, while finalising. */
  finalized: Scalars['Int']['output'];
  id: Scalars['ID']['output'];
  /** The job doing the current step (calculation or finalisation). */
  jobId: Maybe<Scalars['ID']['output']>;
  kind: PayRunKind;
  /** Payslips that could not be calculated; approval waits until there are none. */
  payslipErrors: Scalars['Int']['output'];
  payslips: Scalars['Int']['output'];
  period: Scalars['String']['output'];
  periodEnd: Scalars['AWSDate']['output'];
  periodStart: Scalars['AWSDate']['output'];
  status: PayRunStatus;
  totals: Maybe<PayTotals>;
  updatedAt: Scalars['AWSDateTime']['output'];
  version: Scalars['Int']['output'];
};

/** A period's regular run, or an off-cycle correction after it was finalised. */
export type PayRunKind =
  | 'OFF_CYCLE'
  | 'REGULAR';

/** Where a pay run is: DRAFT → CALCULATING → CALCULATED (recalculate at will) → APPROVED → FINALIZING → FINALIZED; DISCARDED before approval. */
export type PayRunStatus =
  | 'APPROVED'
  | 'CALCULATED'
  | 'CALCULATING'
  | 'DISCARDED'
  | 'DRAFT'
  | 'FINALIZED'
  | 'FINALIZING';

/** Sums of a run's payslips, in the payroll currency. */
export type PayTotals = {
  __typename?: 'PayTotals';
  currency: Scalars['String']['output'];
  deductions: Scalars['String']['output'];
  gross: Scalars['String']['output'];
  net: Scalars['String']['output'];
};

/** A run's register: a CSV (one row per employee, one column per component) behind a short-lived URL, and its totals. */
export type PayrollRegister = {
  __typename?: 'PayrollRegister';
  csvUrl: Scalars['String']['output'];
  currency: Scalars['String']['output'];
  deductions: Scalars['String']['output'];
  employees: Scalars['Int']['output'];
  expiresAt: Scalars['AWSDateTime']['output'];
  gross: Scalars['String']['output'];
  net: Scalars['String']['output'];
  runId: Scalars['ID']['output'];
  totals: Array<PayrollRegisterTotal>;
};

/** One component's total over a run. */
export type PayrollRegisterTotal = {
  __typename?: 'PayrollRegisterTotal';
  amount: Scalars['String']['output'];
  code: Scalars['String']['output'];
  kind: SalaryComponentKind;
};

/** How payslip lines are rounded to the currency's minor unit (each line once; totals are sums of lines). */
export type PayrollRounding =
  /** Halves to the even neighbour (bankers' rounding). */
  | 'HALF_EVEN'
  /** Halves away from zero (commercial rounding). */
  | 'HALF_UP';

/** The tenant's payroll settings. */
export type PayrollSettings = {
  __typename?: 'PayrollSettings';
  /** ISO 4217 code every payslip is in, e.g. EUR; contracts in another currency are refused per payslip. */
  currency: Scalars['String']['output'];
  frequency: PayFrequency;
  rounding: PayrollRounding;
  updatedAt: Maybe<Scalars['AWSDateTime']['output']>;
  version: Scalars['Int']['output'];
};

export type PayrollSettingsInput = {
  currency: Scalars['String']['input'];
  /** The version read (0 when none was saved yet). */
  expectedVersion: Scalars['Int']['input'];
  rounding: PayrollRounding;
};

export type Payslip = {
  __typename?: 'Payslip';
  calculatedAt: Scalars['AWSDateTime']['output'];
  calculation: Scalars['Int']['output'];
  currency: Scalars['String']['output'];
  deductions: Scalars['String']['output'];
  /** The PAYSLIP document filed when the run was finalised. */
  documentId: Maybe<Scalars['ID']['output']>;
  employeeId: Scalars['ID']['output'];
  /** Why this payslip could not be calculated (its lines are then empty). */
  error: Maybe<Scalars['String']['output']>;
  gross: Scalars['String']['output'];
  lines: Array<PayslipLine>;
  net: Scalars['String']['output'];
  period: Scalars['String']['output'];
  periodEnd: Scalars['AWSDate']['output'];
  periodStart: Scalars['AWSDate']['output'];
  runId: Scalars['ID']['output'];
  structureId: Maybe<Scalars['ID']['output']>;
  trace: Array<PayslipTraceEntry>;
};

export type PayslipConnection = {
  __typename?: 'PayslipConnection';
  items: Array<Payslip>;
  nextToken: Maybe<Scalars['String']['output']>;
};

export type PayslipLine = {
  __typename?: 'PayslipLine';
  amount: Scalars['String']['output'];
  code: Scalars['String']['output'];
  kind: SalaryComponentKind;
  name: Scalars['String']['output'];
};

export type PayslipPdf = {
  __typename?: 'PayslipPdf';
  expiresAt: Scalars['AWSDateTime']['output'];
  url: Scalars['String']['output'];
};

/** An input a payslip was calculated from, with its value (exact; `~` marks a value shown rounded). */
export type PayslipTraceEntry = {
  __typename?: 'PayslipTraceEntry';
  name: Scalars['String']['output'];
  value: Scalars['String']['output'];
};

/** A plan's limits: employees, users and waiting or running jobs are enforced when created; requests per second is the API rate. */
export type PlanLimits = {
  __typename?: 'PlanLimits';
  employees: Scalars['Int']['output'];
  jobs: Scalars['Int']['output'];
  requestsPerSecond: Scalars['Int']['output'];
  users: Scalars['Int']['output'];
};

/** An employee's plan for one calendar date of their location's time zone (the tenant's without one). */
export type PlannedDay = {
  __typename?: 'PlannedDay';
  date: Scalars['AWSDate']['output'];
  /** Minutes in this date in timeZone: 1440, or 1380 and 1500 on the days the clocks change. */
  dayMinutes: Scalars['Int']['output'];
  departmentId: Maybe<Scalars['ID']['output']>;
  employeeId: Scalars['ID']['output'];
  holiday: Maybe<PlannedHoliday>;
  kind: PlannedDayKind;
  locationId: Maybe<Scalars['ID']['output']>;
  /** The day's overtime rules: the shift's, or on a rest day those of the pattern's first shift type. */
  overtime: OvertimeRules;
  /** The pattern in force; null for a one-off change without one. */
  patternId: Maybe<Scalars['ID']['output']>;
  shift: Maybe<PlannedShift>;
  source: PlannedDaySource;
  /** IANA time zone of the plan. */
  timeZone: Scalars['String']['output'];
};

export type PlannedDayKind =
  /** A full holiday on what would be a working day: shift is the one it replaces. */
  | 'HOLIDAY'
  /** No shift is planned (a holiday on it is still named). */
  | 'REST_DAY'
  /** A shift is planned (a half holiday shortens it). */
  | 'SHIFT';

export type PlannedDaySource =
  /** An explicit assignment (scheduleAssignments). */
  | 'ASSIGNMENT'
  /** The contract's working schedule (workScheduleId). */
  | 'CONTRACT'
  /** A one-off change of the day. */
  | 'OVERRIDE';

export type PlannedHoliday = {
  __typename?: 'PlannedHoliday';
  /** A half day off: the shift ends when the time off begins. */
  halfDay: Scalars['Boolean']['output'];
  name: Scalars['String']['output'];
};

/** A planned shift: instants (UTC) and the wall-clock times of the day's time zone. */
export type PlannedShift = {
  __typename?: 'PlannedShift';
  breakMinutes: Scalars['Int']['output'];
  endAt: Scalars['AWSDateTime']['output'];
  /** The calendar date the shift ends on: the next day for a night shift. */
  endDate: Scalars['AWSDate']['output'];
  fullDayMinutes: Scalars['Int']['output'];
  graceEarlyMinutes: Scalars['Int']['output'];
  graceLateMinutes: Scalars['Int']['output'];
  halfDayMinutes: Scalars['Int']['output'];
  localEnd: Scalars['String']['output'];
  /** Start and end on the wall clock of the day's time zone, HH:MM (a start in a spring-forward gap moves forward by the gap). */
  localStart: Scalars['String']['output'];
  name: Scalars['String']['output'];
  shiftTypeId: Scalars['ID']['output'];
  /** Minutes from start to end as they pass: a 22:00-06:00 shift is 420 across the spring-forward night, 540 across the fall-back one. */
  spanMinutes: Scalars['Int']['output'];
  startAt: Scalars['AWSDateTime']['output'];
  windowClosesAt: Scalars['AWSDateTime']['output'];
  /** Punches between these instants belong to the shift. */
  windowOpensAt: Scalars['AWSDateTime']['output'];
};

/** A position (job title) of the tenant, optionally belonging to a department. */
export type Position = {
  __typename?: 'Position';
  archived: Scalars['Boolean']['output'];
  /** Records that reference the position (employees, contracts). Deleting needs 0. */
  assignmentCount: Scalars['Int']['output'];
  /** The tenant's own short code, unique within the tenant (stored upper-case). */
  code: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['AWSDateTime']['output'];
  departmentId: Maybe<Scalars['ID']['output']>;
  id: Scalars['ID']['output'];
  tenantId: Scalars['ID']['output'];
  title: Scalars['String']['output'];
  updatedAt: Scalars['AWSDateTime']['output'];
  version: Scalars['Int']['output'];
};

export type PositionConnection = {
  __typename?: 'PositionConnection';
  items: Array<Position>;
  nextToken: Maybe<Scalars['String']['output']>;
};

export type PublishNotificationInput = {
  body?: InputMaybe<Scalars['String']['input']>;
  /** Optional ULID chosen by the caller to make publishing idempotent: the same id twice is refused with CONFLICT and delivered once. Default: generated. */
  id?: InputMaybe<Scalars['ID']['input']>;
  kind: NotificationKind;
  link?: InputMaybe<Scalars['AWSURL']['input']>;
  recipientUserId: Scalars['ID']['input'];
  title: Scalars['String']['input'];
};

export type PunchFlag =
  /** The device's clock was more than 5 minutes away from the server's. */
  | 'CLOCK_SKEW'
  /** The employee's location has a geofence, and the punch carried no position. */
  | 'NO_POSITION'
  /** The position was outside the geofence of the employee's location. */
  | 'OUTSIDE_GEOFENCE';

export type PunchInput = {
  /** The device's clock: refused more than 24 hours away from the server's, flagged beyond 5 minutes. */
  deviceTime?: InputMaybe<Scalars['AWSDateTime']['input']>;
  /** The device's IANA time zone, e.g. Europe/Berlin. */
  deviceTimeZone: Scalars['String']['input'];
  /** Kiosks only: whose punch it is. Default: the signed-in employee. */
  employeeId?: InputMaybe<Scalars['ID']['input']>;
  /** Your key for this punch (8-64 letters, digits, - or _): a retry with the same key and input returns the first punch and never makes a second; the same key with another input is refused. */
  idempotencyKey: Scalars['String']['input'];
  position?: InputMaybe<GeoPositionInput>;
};

export type PunchSource =
  /** An approved correction request; the punch it replaces (if any) stays as it was. */
  | 'CORRECTION'
  /** A kiosk the tenant runs, for the employee in front of it. */
  | 'KIOSK'
  /** The employee, on their own device. */
  | 'SELF';

export type PunchType =
  | 'IN'
  | 'OUT';

export type Query = {
  __typename?: 'Query';
  /** Pending correction requests the caller may decide: of everyone below them in the management line, or all for HR admins (limit 1-100, default 20). */
  attendanceCorrectionsToDecide: AttendanceCorrectionConnection;
  /** One cost centre by id; null if the tenant has no such cost centre. */
  costCentre: Maybe<CostCentre>;
  /** The tenant's cost centres, newest first (limit 1-100, default 20). */
  costCentres: CostCentreConnection;
  /** The tenant's custom fields. */
  customFieldSchema: CustomFieldSchema;
  /** One department by id; null if the tenant has no such department. */
  department: Maybe<Department>;
  /** A department's month as a grid, a page of employees at a time (limit 1-50, default 20); rows of people the caller may see. */
  departmentAttendance: AttendanceGrid;
  /** The planned days (at most 62) of the employees now in a department (ACTIVE or ON_LEAVE), by name, one page of employees at a time (limit 1-50, default 20); only the employees whose roster the caller may read. */
  departmentRoster: EmployeeRosterConnection;
  /** The departments directly under parentId, or the root departments without it, oldest first (limit 1-100, default 20). */
  departments: DepartmentConnection;
  /** A short-lived URL to download a document that has been uploaded. */
  documentDownloadUrl: DocumentDownload;
  /** One employee by id; null if the tenant has no such employee. System roles may name the tenant. */
  employee: Maybe<Employee>;
  /** An employee's contracts, oldest first, each with its versions. */
  employeeContracts: Array<Contract>;
  /** An employee's documents, newest first (limit 1-100, default 20). Own documents, or all for HR admins. */
  employeeDocuments: EmployeeDocumentConnection;
  /** Who changed an employee record, when and which fields, newest first (limit 1-100, default 20). The employee's own, or any for HR admins. */
  employeeHistory: EmployeeHistoryConnection;
  /** An employee's balances as of a day (default today; a later day projects). The employee, their management line and HR admins. */
  employeeLeaveBalances: Array<LeaveBalance>;
  /** An employee's ledger of one leave type, newest first (limit 1-100, default 20). The employee, their management line and HR admins. */
  employeeLeaveLedger: LeaveLedgerConnection;
  /** An employee's leave requests, newest start first (limit 1-100, default 20). Their management line and HR admins. */
  employeeLeaveRequests: LeaveRequestConnection;
  /** A short-lived URL of the employee's profile photo; null when they have none. */
  employeePhotoUrl: Maybe<DocumentDownload>;
  /** An employee's structure assignments, oldest first. */
  employeeSalaryStructures: Array<SalaryStructureAssignment>;
  /** Employees ordered by last name, one page at a time (limit 1-100, default 20). */
  employees: EmployeeConnection;
  /** The tenant's changes to holiday calendars, by scope then date (limit 1-100, default 20). */
  holidayEdits: HolidayEditConnection;
  /** The days off of a year: a location's (its calendar with the tenant's changes for it), or a calendar's (with the tenant's changes for that country, state or region). Exactly one of locationId and calendar. */
  holidays: Array<Holiday>;
  /** One job with its run history, newest run first (runsLimit 1-100, default 20); null if there is no such job. */
  job: Maybe<JobDetail>;
  /** The tenant's jobs (limit 1-100, default 20): by id; filtered by status, most recently changed first; filtered by runner (and status), by status and then most recently changed first. System roles may name the tenant. */
  jobs: JobConnection;
  /** The tenant's leave policies, by type then effective date. */
  leavePolicies: Array<LeavePolicy>;
  /** One leave request: the employee, their management line and HR admins. */
  leaveRequest: Maybe<LeaveRequest>;
  /** Pending leave requests waiting for the caller: as the approver of their step, and (HR) those waiting for HR. */
  leaveRequestsWaitingForMe: Array<LeaveRequest>;
  /** The tenant's leave types, by name. */
  leaveTypes: Array<LeaveType>;
  /** One location by id; null if the tenant has no such location. */
  location: Maybe<Location>;
  /** The public-holiday calendar a location follows. NOT_FOUND if there is no such location. */
  locationCalendar: LocationCalendar;
  /** The tenant's locations, newest first (limit 1-100, default 20). */
  locations: LocationConnection;
  /** The signed-in employee's daily records and punches of a month (YYYY-MM). */
  myAttendance: AttendanceMonth;
  /** The signed-in employee's correction requests, newest first (limit 1-100, default 20). */
  myAttendanceCorrections: AttendanceCorrectionConnection;
  /** The signed-in employee's balances of every leave type, as of a day (default today; a later day projects future accruals). */
  myLeaveBalances: Array<LeaveBalance>;
  /** The signed-in employee's leave requests, newest start first (limit 1-100, default 20). */
  myLeaveRequests: LeaveRequestConnection;
  /** The PDF of one of the signed-in employee's finalised payslips, behind a URL valid for 5 minutes. */
  myPayslipPdf: PayslipPdf;
  /** The signed-in employee's finalised payslips, newest first. */
  myPayslips: Array<Payslip>;
  /** The signed-in user's notifications, newest first (limit 1-100, default 20). */
  notifications: NotificationConnection;
  /** The departments under departmentId (or the whole tenant's tree without it) down to depth levels (0-9, default 3), top levels first (limit 1-100, default 20). NOT_FOUND if there is no such department. */
  orgChart: OrgUnitConnection;
  payRun: Maybe<PayRun>;
  /** A run's payslips by employee (limit 1-100, default 50). */
  payRunPayslips: PayslipConnection;
  /** A calculated run's register: totals and a CSV behind a URL valid for 5 minutes. */
  payRunRegister: PayrollRegister;
  /** The tenant's pay runs, newest period first (one period's with period). */
  payRuns: Array<PayRun>;
  /** The tenant's payroll settings; null until HR saves them. */
  payrollSettings: Maybe<PayrollSettings>;
  /** One position by id; null if the tenant has no such position. */
  position: Maybe<Position>;
  /** The tenant's positions, newest first (limit 1-100, default 20). */
  positions: PositionConnection;
  /** An employee's reports: direct ones, or everyone below them (indirect: true), by management line then name; paged (limit 1-100, default 20). */
  reports: EmployeeConnection;
  /** An employee's planned days from from to to (at most 62 days), in their location's time zone; days without a contract in force or any schedule are left out. Their own, their reports' (at any depth), or any for HR admins. */
  roster: Array<PlannedDay>;
  /** The tenant's salary structures, by name. */
  salaryStructures: Array<SalaryStructure>;
  /** An employee's explicit schedule assignments, by first day. Their own, their reports' (at any depth), or any for HR admins. */
  scheduleAssignments: Array<ScheduleAssignment>;
  /** The tenant's shift types, archived ones included, newest first (limit 1-100, default 20). */
  shiftTypes: ShiftTypeConnection;
  /** Live: where a manager's direct reports stand today, each in their own zone. Default: the caller's own team. */
  teamAttendanceToday: TeamAttendanceToday;
  /** Who of a department is away when (approved and pending requests) from..to (at most 62 days), a page of employees at a time (limit 1-50, default 20). */
  teamLeaveCalendar: LeaveCalendarPage;
  /** A tenant's record: status with its history, plan with its limits; NOT_FOUND if none is registered. */
  tenant: Tenant;
  /** The onboarding of tenant id: its steps and how far it got; null if none was started (or it was rolled back). */
  tenantOnboarding: Maybe<TenantOnboarding>;
  /** The tenant's users, by user id (limit 1-100, default 50). Tenant admins of their own tenant. */
  tenantUsers: TenantUserConnection;
  /** The tenant's work patterns, archived ones included, newest first (limit 1-100, default 20). */
  workPatterns: WorkPatternConnection;
};


export type QueryAttendanceCorrectionsToDecideArgs = {
  limit: InputMaybe<Scalars['Int']['input']>;
  nextToken: InputMaybe<Scalars['String']['input']>;
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type QueryCostCentreArgs = {
  id: Scalars['ID']['input'];
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type QueryCostCentresArgs = {
  limit: InputMaybe<Scalars['Int']['input']>;
  nextToken: InputMaybe<Scalars['String']['input']>;
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type QueryCustomFieldSchemaArgs = {
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type QueryDepartmentArgs = {
  id: Scalars['ID']['input'];
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type QueryDepartmentAttendanceArgs = {
  departmentId: Scalars['ID']['input'];
  limit: InputMaybe<Scalars['Int']['input']>;
  month: Scalars['String']['input'];
  nextToken: InputMaybe<Scalars['String']['input']>;
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type QueryDepartmentRosterArgs = {
  departmentId: Scalars['ID']['input'];
  from: Scalars['AWSDate']['input'];
  limit: InputMaybe<Scalars['Int']['input']>;
  nextToken: InputMaybe<Scalars['String']['input']>;
  tenantId: InputMaybe<Scalars['ID']['input']>;
  to: Scalars['AWSDate']['input'];
};


export type QueryDepartmentsArgs = {
  limit: InputMaybe<Scalars['Int']['input']>;
  nextToken: InputMaybe<Scalars['String']['input']>;
  parentId: InputMaybe<Scalars['ID']['input']>;
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type QueryDocumentDownloadUrlArgs = {
  documentId: Scalars['ID']['input'];
  employeeId: Scalars['ID']['input'];
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type QueryEmployeeArgs = {
  id: Scalars['ID']['input'];
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type QueryEmployeeContractsArgs = {
  employeeId: Scalars['ID']['input'];
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type QueryEmployeeDocumentsArgs = {
  employeeId: Scalars['ID']['input'];
  limit: InputMaybe<Scalars['Int']['input']>;
  nextToken: InputMaybe<Scalars['String']['input']>;
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type QueryEmployeeHistoryArgs = {
  employeeId: Scalars['ID']['input'];
  limit: InputMaybe<Scalars['Int']['input']>;
  nextToken: InputMaybe<Scalars['String']['input']>;
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type QueryEmployeeLeaveBalancesArgs = {
  asOf: InputMaybe<Scalars['AWSDate']['input']>;
  employeeId: Scalars['ID']['input'];
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type QueryEmployeeLeaveLedgerArgs = {
  employeeId: Scalars['ID']['input'];
  leaveTypeId: Scalars['ID']['input'];
  limit: InputMaybe<Scalars['Int']['input']>;
  nextToken: InputMaybe<Scalars['String']['input']>;
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type QueryEmployeeLeaveRequestsArgs = {
  employeeId: Scalars['ID']['input'];
  filter: InputMaybe<LeaveRequestFilter>;
  limit: InputMaybe<Scalars['Int']['input']>;
  nextToken: InputMaybe<Scalars['String']['input']>;
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type QueryEmployeePhotoUrlArgs = {
  employeeId: Scalars['ID']['input'];
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type QueryEmployeeSalaryStructuresArgs = {
  employeeId: Scalars['ID']['input'];
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type QueryEmployeesArgs = {
  filter: InputMaybe<EmployeeFilter>;
  limit: InputMaybe<Scalars['Int']['input']>;
  nextToken: InputMaybe<Scalars['String']['input']>;
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type QueryHolidayEditsArgs = {
  limit: InputMaybe<Scalars['Int']['input']>;
  nextToken: InputMaybe<Scalars['String']['input']>;
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type QueryHolidaysArgs = {
  calendar: InputMaybe<HolidayCalendarInput>;
  locationId: InputMaybe<Scalars['ID']['input']>;
  tenantId: InputMaybe<Scalars['ID']['input']>;
  year: Scalars['Int']['input'];
};


export type QueryJobArgs = {
  id: Scalars['ID']['input'];
  runsLimit: InputMaybe<Scalars['Int']['input']>;
  runsNextToken: InputMaybe<Scalars['String']['input']>;
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type QueryJobsArgs = {
  filter: InputMaybe<JobFilter>;
  limit: InputMaybe<Scalars['Int']['input']>;
  nextToken: InputMaybe<Scalars['String']['input']>;
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type QueryLeavePoliciesArgs = {
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type QueryLeaveRequestArgs = {
  id: Scalars['ID']['input'];
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type QueryLeaveRequestsWaitingForMeArgs = {
  limit: InputMaybe<Scalars['Int']['input']>;
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type QueryLeaveTypesArgs = {
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type QueryLocationArgs = {
  id: Scalars['ID']['input'];
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type QueryLocationCalendarArgs = {
  locationId: Scalars['ID']['input'];
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type QueryLocationsArgs = {
  limit: InputMaybe<Scalars['Int']['input']>;
  nextToken: InputMaybe<Scalars['String']['input']>;
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type QueryMyAttendanceArgs = {
  month: Scalars['String']['input'];
};


export type QueryMyAttendanceCorrectionsArgs = {
  limit: InputMaybe<Scalars['Int']['input']>;
  nextToken: InputMaybe<Scalars['String']['input']>;
};


export type QueryMyLeaveBalancesArgs = {
  asOf: InputMaybe<Scalars['AWSDate']['input']>;
};


export type QueryMyLeaveRequestsArgs = {
  filter: InputMaybe<LeaveRequestFilter>;
  limit: InputMaybe<Scalars['Int']['input']>;
  nextToken: InputMaybe<Scalars['String']['input']>;
};


export type QueryMyPayslipPdfArgs = {
  runId: Scalars['ID']['input'];
};


export type QueryNotificationsArgs = {
  limit: InputMaybe<Scalars['Int']['input']>;
  nextToken: InputMaybe<Scalars['String']['input']>;
  unreadOnly: InputMaybe<Scalars['Boolean']['input']>;
};


export type QueryOrgChartArgs = {
  departmentId: InputMaybe<Scalars['ID']['input']>;
  depth: InputMaybe<Scalars['Int']['input']>;
  limit: InputMaybe<Scalars['Int']['input']>;
  nextToken: InputMaybe<Scalars['String']['input']>;
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type QueryPayRunArgs = {
  id: Scalars['ID']['input'];
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type QueryPayRunPayslipsArgs = {
  limit: InputMaybe<Scalars['Int']['input']>;
  nextToken: InputMaybe<Scalars['String']['input']>;
  runId: Scalars['ID']['input'];
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type QueryPayRunRegisterArgs = {
  runId: Scalars['ID']['input'];
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type QueryPayRunsArgs = {
  period: InputMaybe<Scalars['String']['input']>;
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type QueryPayrollSettingsArgs = {
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type QueryPositionArgs = {
  id: Scalars['ID']['input'];
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type QueryPositionsArgs = {
  limit: InputMaybe<Scalars['Int']['input']>;
  nextToken: InputMaybe<Scalars['String']['input']>;
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type QueryReportsArgs = {
  employeeId: Scalars['ID']['input'];
  indirect: InputMaybe<Scalars['Boolean']['input']>;
  limit: InputMaybe<Scalars['Int']['input']>;
  nextToken: InputMaybe<Scalars['String']['input']>;
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type QueryRosterArgs = {
  employeeId: Scalars['ID']['input'];
  from: Scalars['AWSDate']['input'];
  tenantId: InputMaybe<Scalars['ID']['input']>;
  to: Scalars['AWSDate']['input'];
};


export type QuerySalaryStructuresArgs = {
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type QueryScheduleAssignmentsArgs = {
  employeeId: Scalars['ID']['input'];
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type QueryShiftTypesArgs = {
  limit: InputMaybe<Scalars['Int']['input']>;
  nextToken: InputMaybe<Scalars['String']['input']>;
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type QueryTeamAttendanceTodayArgs = {
  managerId: InputMaybe<Scalars['ID']['input']>;
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type QueryTeamLeaveCalendarArgs = {
  departmentId: Scalars['ID']['input'];
  from: Scalars['AWSDate']['input'];
  limit: InputMaybe<Scalars['Int']['input']>;
  nextToken: InputMaybe<Scalars['String']['input']>;
  tenantId: InputMaybe<Scalars['ID']['input']>;
  to: Scalars['AWSDate']['input'];
};


export type QueryTenantArgs = {
  id: Scalars['ID']['input'];
};


export type QueryTenantOnboardingArgs = {
  id: Scalars['ID']['input'];
};


export type QueryTenantUsersArgs = {
  limit: InputMaybe<Scalars['Int']['input']>;
  nextToken: InputMaybe<Scalars['String']['input']>;
  tenantId: InputMaybe<Scalars['ID']['input']>;
};


export type QueryWorkPatternsArgs = {
  limit: InputMaybe<Scalars['Int']['input']>;
  nextToken: InputMaybe<Scalars['String']['input']>;
  tenantId: InputMaybe<Scalars['ID']['input']>;
};

export type RequestAttendanceCorrectionInput = {
  kind: AttendanceCorrectionKind;
  /** The right time: not in the future, at most 31 days back. */
  proposedAt: Scalars['AWSDateTime']['input'];
  /** WRONG_TIME: the punch to correct. */
  punchId?: InputMaybe<Scalars['ID']['input']>;
  /** MISSING_PUNCH: which punch is missing (WRONG_TIME takes the punch's own). */
  punchType?: InputMaybe<PunchType>;
  /** 1-500 characters. */
  reason: Scalars['String']['input'];
};

export type RequestDocumentUploadInput = {
  /** MIME type; allowed types depend on the kind. */
  contentType: Scalars['String']['input'];
  employeeId: Scalars['ID']['input'];
  /** The file's name as the user knows it (no folders). */
  fileName: Scalars['String']['input'];
  kind: DocumentKind;
  /** Exact size in bytes; the upload URL accepts only this size. */
  sizeBytes: Scalars['Int']['input'];
};

export type RequestLeaveInput = {
  /** A document of the employee's (a doctor's note), for types that require one above N days. */
  attachmentDocumentId?: InputMaybe<Scalars['ID']['input']>;
  /** Your id for this request (1-64 letters, digits, - or _): sending it again returns the same request instead of a second one. */
  clientRequestId: Scalars['ID']['input'];
  /** HR only: the employee the request is for; default yourself. */
  employeeId?: InputMaybe<Scalars['ID']['input']>;
  from: Scalars['AWSDate']['input'];
  /** A half day (one-day requests of day and half-day types). */
  halfDay?: InputMaybe<Scalars['Boolean']['input']>;
  /** Hours (one-day requests of hours types), e.g. "2.5"; default the planned shift. */
  hours?: InputMaybe<Scalars['String']['input']>;
  leaveTypeId: Scalars['ID']['input'];
  /** Why (1-500 characters). */
  reason: Scalars['String']['input'];
  to: Scalars['AWSDate']['input'];
};

/** How accrued amounts are rounded to the policy's step (cumulatively within the year, so twelve months of 25/12 make 25). */
export type RoundingMode =
  /** Remainders dropped (towards zero). */
  | 'DOWN'
  /** Halves away from zero. */
  | 'HALF_UP'
  /** Any remainder up (away from zero). */
  | 'UP';

/**
 * One line of a structure. Exactly one of amount (a fixed decimal in the payroll currency) and formula.
 * A formula reads the period's inputs (basePay, fullPay, hourlyRate, ftePercent, daysInPeriod, daysPayable,
 * unpaidLeaveDays, workedHours, overtimeMinutes and overtimeMinutes150 etc. per multiplier in hundredths),
 * other components' codes (their rounded amounts), numbers, + - * / ( ) comparisons && || ! ?: and
 * min, max, abs, floor, ceil.
 */
export type SalaryComponent = {
  __typename?: 'SalaryComponent';
  amount: Maybe<Scalars['String']['output']>;
  /** Capitals, digits and _ (e.g. BASIC, OVERTIME_150); unique in its structure. */
  code: Scalars['String']['output'];
  formula: Maybe<Scalars['String']['output']>;
  kind: SalaryComponentKind;
  name: Scalars['String']['output'];
};

export type SalaryComponentInput = {
  amount?: InputMaybe<Scalars['String']['input']>;
  code: Scalars['String']['input'];
  formula?: InputMaybe<Scalars['String']['input']>;
  kind: SalaryComponentKind;
  name: Scalars['String']['input'];
};

/** Paid to the employee (EARNING) or withheld from their pay (DEDUCTION). */
export type SalaryComponentKind =
  | 'DEDUCTION'
  | 'EARNING';

/** An ordered set of components; payslips list lines in this order. */
export type SalaryStructure = {
  __typename?: 'SalaryStructure';
  components: Array<SalaryComponent>;
  createdAt: Scalars['AWSDateTime']['output'];
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  updatedAt: Scalars['AWSDateTime']['output'];
  version: Scalars['Int']['output'];
};

/** An employee is paid by a structure from a day on, until their next assignment. */
export type SalaryStructureAssignment = {
  __typename?: 'SalaryStructureAssignment';
  assignedAt: Scalars['AWSDateTime']['output'];
  assignedBy: Scalars['String']['output'];
  effectiveFrom: Scalars['AWSDate']['output'];
  employeeId: Scalars['ID']['output'];
  structureId: Scalars['ID']['output'];
};

export type SalaryStructureInput = {
  components: Array<SalaryComponentInput>;
  name: Scalars['String']['input'];
};

/**
 * An employee follows a pattern from a date to a date (or open-ended), instead of their contract's
 * working schedule. An employee's assignments never overlap.
 */
export type ScheduleAssignment = {
  __typename?: 'ScheduleAssignment';
  createdAt: Scalars['AWSDateTime']['output'];
  employeeId: Scalars['ID']['output'];
  from: Scalars['AWSDate']['output'];
  note: Maybe<Scalars['String']['output']>;
  patternId: Scalars['ID']['output'];
  /** The last day; null while open-ended. */
  to: Maybe<Scalars['AWSDate']['output']>;
  updatedAt: Scalars['AWSDateTime']['output'];
  version: Scalars['Int']['output'];
};

/** A one-off change of one employee's day: another shift type, or a rest day (shiftTypeId null). */
export type ScheduleOverride = {
  __typename?: 'ScheduleOverride';
  createdAt: Scalars['AWSDateTime']['output'];
  date: Scalars['AWSDate']['output'];
  employeeId: Scalars['ID']['output'];
  note: Maybe<Scalars['String']['output']>;
  /** The shift worked that day; null: a rest day. */
  shiftTypeId: Maybe<Scalars['ID']['output']>;
  updatedAt: Scalars['AWSDateTime']['output'];
  version: Scalars['Int']['output'];
};

/** Extra entitlement per year once an employee has served afterYears years (the steps do not add up: the highest reached applies). */
export type SeniorityStep = {
  __typename?: 'SeniorityStep';
  afterYears: Scalars['Int']['output'];
  /** Extra per year, in the type's unit. */
  extra: Scalars['String']['output'];
};

export type SeniorityStepInput = {
  afterYears: Scalars['Int']['input'];
  extra: Scalars['String']['input'];
};

export type SetLocationCalendarInput = {
  /** ISO 3166-1 alpha-2, e.g. US; state and region as the holiday data names them (NY; BY and A). */
  country: Scalars['String']['input'];
  /** A location of the tenant. */
  locationId: Scalars['ID']['input'];
  region?: InputMaybe<Scalars['String']['input']>;
  state?: InputMaybe<Scalars['String']['input']>;
};

export type SetProfilePhotoInput = {
  /** An uploaded PROFILE_PHOTO document of this employee (requestDocumentUpload, then PUT the file); null removes the photo. */
  documentId?: InputMaybe<Scalars['ID']['input']>;
  employeeId: Scalars['ID']['input'];
  expectedVersion: Scalars['Int']['input'];
};

export type SetScheduleOverrideInput = {
  date: Scalars['AWSDate']['input'];
  /** An employee of the tenant who is not archived. */
  employeeId: Scalars['ID']['input'];
  note?: InputMaybe<Scalars['String']['input']>;
  /** A shift type of the tenant that is not archived; null or left out makes the day a rest day. */
  shiftTypeId?: InputMaybe<Scalars['ID']['input']>;
};

/** A kind of shift in wall-clock time: it is worked in the time zone of wherever the employee works. */
export type ShiftType = {
  __typename?: 'ShiftType';
  /** Retired: the plans that use it still read it, but no pattern or one-off change may newly name it. */
  archived: Scalars['Boolean']['output'];
  /** Unpaid break, shorter than the shift. */
  breakMinutes: Scalars['Int']['output'];
  createdAt: Scalars['AWSDateTime']['output'];
  /** End, HH:MM; at or before start, the shift ends the next day (a night shift). */
  end: Scalars['String']['output'];
  /** Minutes worked (after the break) for a full day; at most the shift's length less the break. */
  fullDayMinutes: Scalars['Int']['output'];
  /** Leaving up to this many minutes before the end is not an early exit (0-720). */
  graceEarlyMinutes: Scalars['Int']['output'];
  /** Arriving up to this many minutes after the start is not late (0-720). */
  graceLateMinutes: Scalars['Int']['output'];
  /** Minutes worked (after the break) for a half day; at most fullDayMinutes. */
  halfDayMinutes: Scalars['Int']['output'];
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  overtime: OvertimeRules;
  /** Start, HH:MM. */
  start: Scalars['String']['output'];
  updatedAt: Scalars['AWSDateTime']['output'];
  /** Increases on every change; pass it back as expectedVersion. */
  version: Scalars['Int']['output'];
  /** How long after the end a punch still belongs to the shift (0-720). */
  windowAfterMinutes: Scalars['Int']['output'];
  /** How long before the start a punch still belongs to the shift (0-720). */
  windowBeforeMinutes: Scalars['Int']['output'];
};

export type ShiftTypeConnection = {
  __typename?: 'ShiftTypeConnection';
  items: Array<ShiftType>;
  nextToken: Maybe<Scalars['String']['output']>;
};

export type StartContractInput = {
  contract: NewContractInput;
  employeeId: Scalars['ID']['input'];
  /** The employee's version you read (a new contract changes their summary). */
  expectedVersion: Scalars['Int']['input'];
};

export type Subscription = {
  __typename?: 'Subscription';
  /** The signed-in user's new notifications, as they are published. */
  onNotification: Maybe<Notification>;
};

/** A tax identification number, at most one per country. */
export type TaxId = {
  __typename?: 'TaxId';
  /** ISO 3166-1 alpha-2 country code of the issuing country. */
  country: Scalars['String']['output'];
  /** Compact, upper-case: spaces (and, where the country's format has none, dashes) removed. */
  number: Scalars['String']['output'];
};

export type TaxIdInput = {
  country: Scalars['String']['input'];
  number: Scalars['String']['input'];
};

export type TeamAttendanceToday = {
  __typename?: 'TeamAttendanceToday';
  at: Scalars['AWSDateTime']['output'];
  managerId: Scalars['ID']['output'];
  members: Array<TeamMemberToday>;
};

/** Where a member of the team stands today, in their own time zone. */
export type TeamMemberState =
  /** The shift's punch window closed without a check-in. */
  | 'ABSENT'
  | 'HOLIDAY'
  | 'IN'
  /** The shift's start and grace have passed without a check-in (late or absent so far). */
  | 'MISSING'
  /** A shift is planned and its start (with grace) has not passed. */
  | 'NOT_YET_IN'
  | 'ON_LEAVE'
  /** Checked out. */
  | 'OUT'
  | 'REST_DAY'
  /** No schedule in force. */
  | 'UNSCHEDULED';

export type TeamMemberToday = {
  __typename?: 'TeamMemberToday';
  /** Their today, in their time zone. */
  date: Scalars['AWSDate']['output'];
  employeeId: Scalars['ID']['output'];
  firstIn: Maybe<Scalars['AWSDateTime']['output']>;
  firstName: Scalars['String']['output'];
  lastName: Scalars['String']['output'];
  lastPunchAt: Maybe<Scalars['AWSDateTime']['output']>;
  /** Checked in after the shift's start and grace. */
  late: Scalars['Boolean']['output'];
  lateMinutes: Scalars['Int']['output'];
  shiftEnd: Maybe<Scalars['AWSDateTime']['output']>;
  shiftStart: Maybe<Scalars['AWSDateTime']['output']>;
  state: TeamMemberState;
  timeZone: Scalars['String']['output'];
};

/** A tenant's registry record as the control plane shows it. */
export type Tenant = {
  __typename?: 'Tenant';
  createdAt: Scalars['AWSDateTime']['output'];
  displayName: Scalars['String']['output'];
  homeRegion: Scalars['String']['output'];
  /** What the plan allows. */
  limits: PlanLimits;
  /** trial, standard, enterprise (system for the platform's own tenant). */
  plan: Scalars['String']['output'];
  /** PROVISIONING, ACTIVE, SUSPENDED, OFFBOARDING or OFFBOARDED. */
  status: Scalars['String']['output'];
  /** Status changes, oldest first (the newest 50). */
  statusHistory: Array<TenantStatusChange>;
  tenantId: Scalars['ID']['output'];
  updatedAt: Scalars['AWSDateTime']['output'];
};

/** A tenant's onboarding workflow: the steps in order, which are done, and why the last run stopped. */
export type TenantOnboarding = {
  __typename?: 'TenantOnboarding';
  /** The finished steps, in order. */
  done: Array<Scalars['String']['output']>;
  /** The step that failed, with what went wrong (no personal data). */
  error: Maybe<Scalars['String']['output']>;
  startedAt: Scalars['AWSDateTime']['output'];
  /** RUNNING, FAILED (retry createTenant with the same input to resume), COMPLETED or ROLLING_BACK. */
  status: Scalars['String']['output'];
  /** Every step, in order: userPool, appClients, policyStore, registry, firstAdmin, activate. */
  steps: Array<Scalars['String']['output']>;
  tenantId: Scalars['ID']['output'];
  updatedAt: Scalars['AWSDateTime']['output'];
};

/** How a tenant works; anything left out takes the default (UTC, en-US, USD, MONDAY, 01-01). */
export type TenantSettingsInput = {
  /** ISO 4217 currency, e.g. EUR. */
  currency?: InputMaybe<Scalars['String']['input']>;
  /** First day of the fiscal year, MM-DD, e.g. 04-01. */
  fiscalYearStart?: InputMaybe<Scalars['String']['input']>;
  /** BCP 47 locale, e.g. de-DE. */
  locale?: InputMaybe<Scalars['String']['input']>;
  /** IANA time zone, e.g. Europe/Berlin. */
  timeZone?: InputMaybe<Scalars['String']['input']>;
  /** MONDAY ... SUNDAY. */
  weekStart?: InputMaybe<Scalars['String']['input']>;
};

/** One change of a tenant's status. */
export type TenantStatusChange = {
  __typename?: 'TenantStatusChange';
  at: Scalars['AWSDateTime']['output'];
  /** The system admin who made it. */
  by: Scalars['ID']['output'];
  from: Scalars['String']['output'];
  reason: Maybe<Scalars['String']['output']>;
  status: Scalars['String']['output'];
};

/** A user of a tenant: their role, employee link and whether they may sign in. */
export type TenantUser = {
  __typename?: 'TenantUser';
  /** Their sign-in email, when they were invited through inviteUser. */
  email: Maybe<Scalars['String']['output']>;
  /** The employee record they are (SelfService on it). */
  employeeId: Maybe<Scalars['ID']['output']>;
  /** TenantAdmin, TenantUser or Kiosk. */
  role: Scalars['String']['output'];
  /** ACTIVE or DISABLED. */
  status: Scalars['String']['output'];
  /** The user's id (Cognito sub). */
  userId: Scalars['ID']['output'];
};

export type TenantUserConnection = {
  __typename?: 'TenantUserConnection';
  items: Array<TenantUser>;
  nextToken: Maybe<Scalars['String']['output']>;
};

export type TerminateContractInput = {
  contractId: Scalars['ID']['input'];
  employeeId: Scalars['ID']['input'];
  expectedVersion: Scalars['Int']['input'];
  lastWorkingDay: Scalars['AWSDate']['input'];
  note?: InputMaybe<Scalars['String']['input']>;
  noticeGivenOn?: InputMaybe<Scalars['AWSDate']['input']>;
  reason: TerminationReason;
};

export type Termination = {
  __typename?: 'Termination';
  lastWorkingDay: Scalars['AWSDate']['output'];
  note: Maybe<Scalars['String']['output']>;
  noticeGivenOn: Maybe<Scalars['AWSDate']['output']>;
  reason: TerminationReason;
  recordedAt: Scalars['AWSDateTime']['output'];
  recordedBy: Scalars['ID']['output'];
};

export type TerminationReason =
  | 'DEATH'
  | 'DISMISSAL'
  | 'END_OF_FIXED_TERM'
  | 'MUTUAL_AGREEMENT'
  | 'OTHER'
  | 'RESIGNATION'
  | 'RETIREMENT';

/** Fields to change; omitted fields keep their value. */
export type UpdateCostCentreInput = {
  archived?: InputMaybe<Scalars['Boolean']['input']>;
  code?: InputMaybe<Scalars['String']['input']>;
  expectedVersion: Scalars['Int']['input'];
  id: Scalars['ID']['input'];
  name?: InputMaybe<Scalars['String']['input']>;
};

/** Fields to change; omitted fields keep their value, null clears an optional field. */
export type UpdateDepartmentInput = {
  /** true retires the department (still readable, no longer assignable); false brings it back. */
  archived?: InputMaybe<Scalars['Boolean']['input']>;
  code?: InputMaybe<Scalars['String']['input']>;
  costCentreId?: InputMaybe<Scalars['ID']['input']>;
  /** The version you read; the update fails with CONFLICT if the department changed since. */
  expectedVersion: Scalars['Int']['input'];
  headEmployeeId?: InputMaybe<Scalars['ID']['input']>;
  id: Scalars['ID']['input'];
  name?: InputMaybe<Scalars['String']['input']>;
  /** A new parent moves the department with everything below it; null makes it a root department. */
  parentId?: InputMaybe<Scalars['ID']['input']>;
};

/**
 * Personal fields to change; omitted fields keep their value, null clears an optional field, a
 * list replaces the whole list. Employment changes are contract amendments (amendContract).
 */
export type UpdateEmployeeInput = {
  address?: InputMaybe<AddressInput>;
  bankAccounts?: InputMaybe<Array<BankAccountInput>>;
  /** Only the keys given change; the others keep their values. */
  customFields?: InputMaybe<Array<CustomFieldValueInput>>;
  dateOfBirth?: InputMaybe<Scalars['AWSDate']['input']>;
  dependants?: InputMaybe<Array<DependantInput>>;
  email?: InputMaybe<Scalars['AWSEmail']['input']>;
  emergencyContacts?: InputMaybe<Array<EmergencyContactInput>>;
  employeeNumber?: InputMaybe<Scalars['String']['input']>;
  /** The version you read; the update fails with CONFLICT if the record changed since. */
  expectedVersion: Scalars['Int']['input'];
  firstName?: InputMaybe<Scalars['String']['input']>;
  gender?: InputMaybe<Gender>;
  id: Scalars['ID']['input'];
  lastName?: InputMaybe<Scalars['String']['input']>;
  maritalStatus?: InputMaybe<MaritalStatus>;
  nationalId?: InputMaybe<Scalars['String']['input']>;
  nationality?: InputMaybe<Scalars['String']['input']>;
  personalEmail?: InputMaybe<Scalars['AWSEmail']['input']>;
  phone?: InputMaybe<Scalars['AWSPhone']['input']>;
  preferredName?: InputMaybe<Scalars['String']['input']>;
  taxIds?: InputMaybe<Array<TaxIdInput>>;
};

export type UpdateLeavePolicyInput = {
  expectedVersion: Scalars['Int']['input'];
  id: Scalars['ID']['input'];
  policy: LeavePolicyInput;
};

export type UpdateLeaveTypeInput = {
  /** The version you read; CONFLICT if it changed since. */
  expectedVersion: Scalars['Int']['input'];
  id: Scalars['ID']['input'];
  /** The type's full new definition (its unit cannot change once policies use it). */
  type: LeaveTypeInput;
};

/** Fields to change; omitted fields keep their value. */
export type UpdateLocationInput = {
  address?: InputMaybe<AddressInput>;
  archived?: InputMaybe<Scalars['Boolean']['input']>;
  expectedVersion: Scalars['Int']['input'];
  /** null removes the geofence. */
  geofence?: InputMaybe<GeofenceInput>;
  id: Scalars['ID']['input'];
  name?: InputMaybe<Scalars['String']['input']>;
  timeZone?: InputMaybe<Scalars['String']['input']>;
};

/**
 * What an employee may change on their own record: contact details, emergency contacts and the
 * custom fields declared SELF_SERVICE. Omitted fields keep their value, null clears one.
 */
export type UpdateMyProfileInput = {
  address?: InputMaybe<AddressInput>;
  /** SELF_SERVICE fields only; the keys given change, the others keep their values. */
  customFields?: InputMaybe<Array<CustomFieldValueInput>>;
  emergencyContacts?: InputMaybe<Array<EmergencyContactInput>>;
  /** The version you read; the update fails with CONFLICT if the record changed since. */
  expectedVersion: Scalars['Int']['input'];
  personalEmail?: InputMaybe<Scalars['AWSEmail']['input']>;
  phone?: InputMaybe<Scalars['AWSPhone']['input']>;
};

/** Fields to change; omitted fields keep their value, null clears an optional field. */
export type UpdatePositionInput = {
  archived?: InputMaybe<Scalars['Boolean']['input']>;
  code?: InputMaybe<Scalars['String']['input']>;
  departmentId?: InputMaybe<Scalars['ID']['input']>;
  expectedVersion: Scalars['Int']['input'];
  id: Scalars['ID']['input'];
  title?: InputMaybe<Scalars['String']['input']>;
};

export type UpdateSalaryStructureInput = {
  expectedVersion: Scalars['Int']['input'];
  id: Scalars['ID']['input'];
  structure: SalaryStructureInput;
};

/** Fields to change; omitted fields keep their value. overtime, when given, replaces all four rules. */
export type UpdateShiftTypeInput = {
  breakMinutes?: InputMaybe<Scalars['Int']['input']>;
  end?: InputMaybe<Scalars['String']['input']>;
  /** The version you read; the update fails with CONFLICT if the shift type changed since. */
  expectedVersion: Scalars['Int']['input'];
  fullDayMinutes?: InputMaybe<Scalars['Int']['input']>;
  graceEarlyMinutes?: InputMaybe<Scalars['Int']['input']>;
  graceLateMinutes?: InputMaybe<Scalars['Int']['input']>;
  halfDayMinutes?: InputMaybe<Scalars['Int']['input']>;
  id: Scalars['ID']['input'];
  name?: InputMaybe<Scalars['String']['input']>;
  overtime?: InputMaybe<OvertimeRulesInput>;
  start?: InputMaybe<Scalars['String']['input']>;
  windowAfterMinutes?: InputMaybe<Scalars['Int']['input']>;
  windowBeforeMinutes?: InputMaybe<Scalars['Int']['input']>;
};

/** Fields to change; omitted fields keep their value. cycleDays and days change together. */
export type UpdateWorkPatternInput = {
  anchorDate?: InputMaybe<Scalars['AWSDate']['input']>;
  cycleDays?: InputMaybe<Scalars['Int']['input']>;
  days?: InputMaybe<Array<InputMaybe<Scalars['ID']['input']>>>;
  expectedVersion: Scalars['Int']['input'];
  id: Scalars['ID']['input'];
  name?: InputMaybe<Scalars['String']['input']>;
};

/**
 * A cycle of days, each a shift type or a rest day: a week (cycleDays 7) or a rotation (2 weeks
 * early, 2 weeks late: 28). Day 1 of the cycle falls on anchorDate and on every cycleDays-th day
 * before and after it. Contracts name one as their working schedule (workScheduleId).
 */
export type WorkPattern = {
  __typename?: 'WorkPattern';
  /** A date that is day 1 of the cycle (a Monday, for a week starting on Mondays). */
  anchorDate: Scalars['AWSDate']['output'];
  /** Retired: still followed where it is in force, but no contract or assignment may newly name it. */
  archived: Scalars['Boolean']['output'];
  createdAt: Scalars['AWSDateTime']['output'];
  /** 1-84 days. */
  cycleDays: Scalars['Int']['output'];
  /** Exactly cycleDays entries, day 1 first: a shift type id, or null for a rest day. */
  days: Array<Maybe<Scalars['ID']['output']>>;
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  updatedAt: Scalars['AWSDateTime']['output'];
  version: Scalars['Int']['output'];
};

export type WorkPatternConnection = {
  __typename?: 'WorkPatternConnection';
  items: Array<WorkPattern>;
  nextToken: Maybe<Scalars['String']['output']>;
};
