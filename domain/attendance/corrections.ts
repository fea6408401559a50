/**
 * Correction requests (Node): an employee asks to add a missing punch or fix a punch's time; their
 * manager (anyone above them in the management line) or an HR admin approves or rejects it, once,
 * never their own. Approval adds a CORRECTION punch naming the punch it replaces (which stays as it
 * was) in the same transaction as the decision. Both sides are told through notifications.
 */
import { ConditionalCheckFailedException, GetItemCommand, PutItemCommand, TransactionCanceledException, TransactWriteItemsCommand, type AttributeValue, type DynamoDBClient, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { DomainError } from '../domain-error.ts';
import { queryAll } from '../dynamo-query.ts';
import type { NotificationKind, RequestAttendanceCorrectionInput } from '../generated/graphql.ts';
import { addDays } from '../model/dates.ts';
import { tenantKey } from '../model/keys.ts';
import { isSystemRole, type Role } from '../model/tenant-context.ts';
import type { EmployeeRow } from '../people/model/employee.ts';
import { employeeItemKey } from '../people/model/keys.ts';
import { localDate } from '../time.ts';
import { correctionInputProblems, instantOf, MAX_CORRECTION_DAYS, MAX_TEXT, refuseProblems } from './inputs.ts';
import { correctionItemKey, pendingCorrectionKey, punchBound, punchItemKey, punchStateKey } from './model/keys.ts';
import { correctionView, punchView, type Correction, type CorrectionRow, type Punch, type PunchRow, type PunchStateRow } from './model/records.ts';
import type { PlaceOfWork } from './punches.ts';
import { isOpen } from './punches.ts';

/** Tells a user something about a correction; `key` makes the notification's id (and so its delivery) unique. */
export type Notify = (recipientUserId: string, kind: NotificationKind, title: string, body: string, key: string) => Promise<void>;

export interface CorrectionContext {
  /** The tenant's own DynamoDB client. */
  dynamodb: DynamoDBClient;
  tables: { attendance: string; pim: string };
  tenantId: string;
  now: Date;
  tenantZone: string;
  locationOf(locationId: string): Promise<PlaceOfWork | null>;
  /** The users holding a role in the tenant (HR admins, when a requester has no manager to ask). */
  usersWithRole(role: Role): Promise<string[]>;
  notify: Notify;
}

/** Who decides or asks: the signed-in user, their role and own employee record. */
export interface Actor {
  userId: string;
  role: Role;
  employeeId: string | null;
}

type Person = Pick<EmployeeRow, 'id' | 'firstName' | 'lastName' | 'employeeNumber' | 'employment' | 'ReportsPath' | 'UserId'>;

const key = (tenantId: string, entityItem: string): Record<string, AttributeValue> => ({ TenantId: { S: tenantKey(tenantId) }, EntityItem: { S: entityItem } });

async function person(ctx: CorrectionContext, employeeId: string): Promise<Person | null> {
  const found = await ctx.dynamodb.send(new GetItemCommand({
    TableName: ctx.tables.pim,
    Key: key(ctx.tenantId, employeeItemKey(employeeId)),
    ConsistentRead: true,
    ProjectionExpression: '#id, #first, #last, #number, #employment, #path, #user',
    ExpressionAttributeNames: { '#id': 'id', '#first': 'firstName', '#last': 'lastName', '#number': 'employeeNumber', '#employment': 'employment', '#path': 'ReportsPath', '#user': 'UserId' },
  }));
  return found.Item ? (unmarshall(found.Item) as Person) : null;
}

const nameOf = (p: Person) => `${p.firstName} ${p.lastName} (${p.employeeNumber})`;
const NOT_LINKED = 'Your sign-in is not linked to an employee record of this tenant, so you have no punches to correct.';

/** A punch of the employee's from the last {@link MAX_CORRECTION_DAYS} days (and a day's margin), by id. */
async function recentPunch(ctx: CorrectionContext, employeeId: string, punchId: string): Promise<PunchRow | null> {
  const from = addDays(ctx.now.toISOString().slice(0, 10), -(MAX_CORRECTION_DAYS + 1));
  const items = await queryAll(ctx.dynamodb, {
    TableName: ctx.tables.attendance,
    KeyConditionExpression: 'TenantId = :tenant AND EntityItem BETWEEN :from AND :to',
    FilterExpression: '#id = :id',
    ExpressionAttributeNames: { '#id': 'id' },
    ExpressionAttributeValues: { ':tenant': { S: tenantKey(ctx.tenantId) }, ':from': { S: punchBound(employeeId, from) }, ':to': { S: punchBound(employeeId, '~') }, ':id': { S: punchId } },
    ConsistentRead: true,
  });
  return items.length > 0 ? (unmarshall(items[0]!) as PunchRow) : null;
}

/** Users to ask: the requester's manager, if they have a sign-in; otherwise the tenant's HR admins. */
async function deciders(ctx: CorrectionContext, requester: Person): Promise<string[]> {
  const managerId = requester.employment.managerId;
  const manager = managerId ? await person(ctx, managerId) : null;
  if (manager?.UserId) return [manager.UserId];
  return (await ctx.usersWithRole('TenantAdmin')).filter((userId) => userId !== requester.UserId);
}

/** Files the signed-in employee's request and tells whoever decides it. */
export async function requestCorrection(ctx: CorrectionContext, correctionId: string, input: RequestAttendanceCorrectionInput, by: Actor): Promise<Correction> {
  const now = ctx.now.getTime();
  refuseProblems(correctionInputProblems(input, now));
  if (!by.employeeId) throw new DomainError('UNAUTHORIZED_ACCESS', NOT_LINKED);
  const requester = await person(ctx, by.employeeId);
  if (!requester) throw new DomainError('UNAUTHORIZED_ACCESS', NOT_LINKED);
  let punchType = input.punchType ?? null;
  let originalAt: string | null = null;
  if (input.kind === 'WRONG_TIME') {
    const original = await recentPunch(ctx, requester.id, input.punchId!);
    if (!original) throw new DomainError('NOT_FOUND', `You have no punch ${input.punchId} in the last ${MAX_CORRECTION_DAYS} days.`);
    punchType = original.type;
    originalAt = original.at;
  }
  const at = ctx.now.toISOString();
  const row: CorrectionRow = {
    TenantId: tenantKey(ctx.tenantId),
    EntityItem: correctionItemKey(requester.id, correctionId),
    PendingKey: pendingCorrectionKey(requester.ReportsPath, correctionId),
    id: correctionId,
    employeeId: requester.id,
    kind: input.kind,
    punchType: punchType!,
    punchId: input.kind === 'WRONG_TIME' ? input.punchId! : null,
    originalAt,
    proposedAt: new Date(instantOf(input.proposedAt)!).toISOString(),
    reason: input.reason.trim(),
    status: 'PENDING',
    requestedBy: by.userId,
    requestedAt: at,
    decidedBy: null,
    decidedAt: null,
    decisionNote: null,
    correctionPunchId: null,
    version: 1,
  };
  try {
    await ctx.dynamodb.send(new PutItemCommand({ TableName: ctx.tables.attendance, Item: marshall(row), ConditionExpression: 'attribute_not_exists(EntityItem)' }));
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new DomainError('CONFLICT', `A correction request ${correctionId} already exists.`);
    throw error;
  }
  const what = row.kind === 'MISSING_PUNCH' ? `a missing ${row.punchType === 'IN' ? 'clock-in' : 'clock-out'}` : `the time of a ${row.punchType === 'IN' ? 'clock-in' : 'clock-out'}`;
  for (const recipient of await deciders(ctx, requester)) {
    await ctx.notify(recipient, 'ATTENDANCE_CORRECTION_REQUESTED', `Correction to decide: ${nameOf(requester)}`, `${nameOf(requester)} asks to correct ${what} to ${row.proposedAt}: ${row.reason}`, `${correctionId}#requested#${recipient}`);
  }
  return correctionView(row);
}

export interface DecisionCommand {
  employeeId: string;
  correctionId: string;
  expectedVersion: number;
  note: string | null | undefined;
  approve: boolean;
  /** Minted by the resolver: the CORRECTION punch's id, if approved. */
  correctionPunchId: string;
  by: Actor;
}

export interface Decision {
  correction: Correction;
  /** Approved: the punch added, and the dates whose records may change (the employee's calendar dates of both times, and the day before each). */
  punch: Punch | null;
  recompute: string[];
}

/** Approves or rejects a pending request; see the module's rules. */
export async function decideCorrection(ctx: CorrectionContext, command: DecisionCommand): Promise<Decision> {
  const { by } = command;
  const note = command.note?.trim() || null;
  if (note !== null && note.length > MAX_TEXT) refuseProblems([{ field: 'input.note', message: `must be at most ${MAX_TEXT} characters` }]);
  const [found, requester] = await Promise.all([
    ctx.dynamodb.send(new GetItemCommand({ TableName: ctx.tables.attendance, Key: key(ctx.tenantId, correctionItemKey(command.employeeId, command.correctionId)), ConsistentRead: true })),
    person(ctx, command.employeeId),
  ]);
  if (!found.Item || !requester) throw new DomainError('NOT_FOUND', `No correction request ${command.correctionId} of employee ${command.employeeId} in this tenant.`);
  const current = unmarshall(found.Item) as CorrectionRow;
  if (by.employeeId === current.employeeId) throw new DomainError('UNAUTHORIZED_ACCESS', 'You cannot decide your own correction request: your manager or HR does.');
  const mayDecide = by.role === 'TenantAdmin' || isSystemRole(by.role) || (!!by.employeeId && requester.ReportsPath.indexOf(`/${by.employeeId}/`) >= 0);
  if (!mayDecide) throw new DomainError('UNAUTHORIZED_ACCESS', `Only someone above ${nameOf(requester)} in the management line, or HR, decides their requests.`);
  if (current.status !== 'PENDING') throw new DomainError('CONFLICT', `The request was already ${current.status.toLowerCase()} on ${current.decidedAt}.`);
  if (current.version !== command.expectedVersion) throw new DomainError('CONFLICT', `The request is at version ${current.version}, not ${command.expectedVersion}: read it again and retry.`);

  const at = ctx.now.toISOString();
  const decided: CorrectionRow = {
    ...current,
    status: command.approve ? 'APPROVED' : 'REJECTED',
    decidedBy: by.userId,
    decidedAt: at,
    decisionNote: note,
    correctionPunchId: command.approve ? command.correctionPunchId : null,
    version: current.version + 1,
  };
  delete decided.PendingKey;
  const items: TransactWriteItem[] = [{
    Put: {
      TableName: ctx.tables.attendance,
      Item: marshall(decided),
      ConditionExpression: '#version = :version AND #status = :pending',
      ExpressionAttributeNames: { '#version': 'version', '#status': 'status' },
      ExpressionAttributeValues: { ':version': { N: String(current.version) }, ':pending': { S: 'PENDING' } },
    },
  }];

  let punch: Punch | null = null;
  let recompute: string[] = [];
  if (command.approve) {
    const locationId = requester.employment.locationId ?? null;
    const timeZone = (locationId ? (await ctx.locationOf(locationId))?.timeZone : null) ?? ctx.tenantZone;
    punch = {
      id: command.correctionPunchId,
      employeeId: current.employeeId,
      type: current.punchType,
      at: current.proposedAt,
      source: 'CORRECTION',
      timeZone,
      localDate: localDate(new Date(current.proposedAt), timeZone),
      deviceTimeZone: null,
      deviceTime: null,
      clockSkewSeconds: null,
      position: null,
      distanceMeters: null,
      flags: [],
      supersedes: current.punchId ?? null,
      correctionId: current.id,
      recordedBy: by.userId,
      createdAt: at,
    };
    const row: PunchRow = { TenantId: tenantKey(ctx.tenantId), EntityItem: punchItemKey(punch.employeeId, punch.at, punch.id), ...punch, idempotencyKey: null };
    items.push({ Put: { TableName: ctx.tables.attendance, Item: marshall(row), ConditionExpression: 'attribute_not_exists(EntityItem)' } });
    items.push(...(await closingState(ctx, punch)));
    const dates = new Set<string>();
    for (const instant of [current.proposedAt, current.originalAt].filter((x): x is string => !!x)) {
      const date = localDate(new Date(instant), timeZone);
      dates.add(date).add(addDays(date, -1));
    }
    recompute = [...dates].sort();
  }
  try {
    await ctx.dynamodb.send(new TransactWriteItemsCommand({ TransactItems: items }));
  } catch (error) {
    if (error instanceof TransactionCanceledException) throw new DomainError('CONFLICT', 'The request or the employee\'s punches changed meanwhile: read the request again and retry.');
    throw error;
  }
  if (requester.UserId) {
    const verdict = command.approve ? 'approved' : 'rejected';
    await ctx.notify(requester.UserId, 'ATTENDANCE_CORRECTION_DECIDED', `Correction ${verdict}`, `Your request to correct a ${current.punchType === 'IN' ? 'clock-in' : 'clock-out'} to ${current.proposedAt} was ${verdict}${note ? `: ${note}` : '.'}`, `${current.id}#decided`);
  }
  return { correction: correctionView(decided), punch: punch ? punchView(punch) : null, recompute };
}

/**
 * An approved check-out that closes the clock-in still open (the employee forgot to clock out and
 * asked for it) closes it in the punch state too, so they can clock in again; under the state's
 * version, like a punch.
 */
async function closingState(ctx: CorrectionContext, punch: Punch): Promise<TransactWriteItem[]> {
  if (punch.type !== 'OUT') return [];
  const found = await ctx.dynamodb.send(new GetItemCommand({ TableName: ctx.tables.attendance, Key: key(ctx.tenantId, punchStateKey(punch.employeeId)), ConsistentRead: true }));
  const state = found.Item ? (unmarshall(found.Item) as PunchStateRow) : null;
  if (!state || !isOpen(state, ctx.now.getTime()) || state.openSince! > punch.at) return [];
  const next: PunchStateRow = { ...state, openPunchId: null, openSince: null, lastPunchId: punch.id, lastPunchAt: punch.at, version: state.version + 1 };
  return [{
    Put: {
      TableName: ctx.tables.attendance,
      Item: marshall(next),
      ConditionExpression: '#version = :version',
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: { ':version': { N: String(state.version) } },
    },
  }];
}
