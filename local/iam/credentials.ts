/**
 * The credential store of the local IAM: long-term service keys and the temporary sessions the
 * local STS issues. One instance lives in the DynamoDB child process, shared by the STS server
 * and the DynamoDB request hook, so credentials issued by one are known to the other at once.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { LocalIamConfig, LocalRole, LocalSession } from './config.ts';

/** Who signed a request, once the key is known (the signature is checked separately). */
export interface Principal {
  /** `arn:aws:sts::<account>:assumed-role/<role>/<session>`. */
  arn: string;
  /** `<roleId>:<session>`, as GetCallerIdentity reports it. */
  userId: string;
  role: LocalRole;
  sessionName: string;
  /** Session tags (`aws:PrincipalTag/*`); empty for service keys. */
  tags: Record<string, string>;
  secretAccessKey: string;
}

/** The outcome of looking up a request's key. */
export type KeyLookup =
  | { status: 'ok'; principal: Principal }
  | { status: 'unknown' }
  | { status: 'expired' };

/** `arn:aws:iam::123:role/path/Name` → `Name`. */
export function roleName(roleArn: string): string {
  return roleArn.slice(roleArn.lastIndexOf('/') + 1);
}

/** A stable role id (`AROA` + 17 characters), as IAM gives every role. */
export function roleId(roleArn: string): string {
  return `AROA${createHash('sha256').update(roleArn).digest('hex').slice(0, 17).toUpperCase()}`;
}

/** The ARN of a role session. */
export function assumedRoleArn(roleArn: string, sessionName: string, accountId: string): string {
  const partition = roleArn.split(':')[1] ?? 'aws';
  return `arn:${partition}:sts::${accountId}:assumed-role/${roleName(roleArn)}/${sessionName}`;
}

const KEY_ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function randomKeyId(prefix: string): string {
  return prefix + [...randomBytes(16)].map((b) => KEY_ID_CHARS[b % 32]).join('');
}

export class CredentialStore {
  private readonly roles = new Map<string, LocalRole>();
  private readonly services = new Map<string, Principal>();
  private readonly sessions = new Map<string, LocalSession>();

  /** `onIssue` hears of every session issued (the child's supervisor keeps them across restarts). */
  constructor(
    readonly config: LocalIamConfig,
    private readonly onIssue: (session: LocalSession) => void = () => undefined,
  ) {
    for (const role of config.roles) this.roles.set(role.arn, role);
    for (const service of config.services) {
      const role = this.role(service.roleArn);
      if (!role) throw new Error(`local IAM: service key ${service.accessKeyId} names an undeclared role ${service.roleArn}`);
      this.services.set(service.accessKeyId, {
        arn: assumedRoleArn(role.arn, service.sessionName, config.accountId),
        userId: `${roleId(role.arn)}:${service.sessionName}`,
        role,
        sessionName: service.sessionName,
        tags: {},
        secretAccessKey: service.secretAccessKey,
      });
    }
    for (const session of config.sessions ?? []) this.sessions.set(session.accessKeyId, session);
  }

  role(arn: string): LocalRole | undefined {
    return this.roles.get(arn);
  }

  /**
   * The principal behind a key. A temporary key counts only with its own session token, as AWS
   * treats a wrong token as an unknown key; an expired session is reported as such.
   */
  lookup(accessKeyId: string, sessionToken: string | undefined, now: number): KeyLookup {
    const service = this.services.get(accessKeyId);
    if (service) return sessionToken === undefined ? { status: 'ok', principal: service } : { status: 'unknown' };
    const session = this.sessions.get(accessKeyId);
    if (!session || session.sessionToken !== sessionToken) return { status: 'unknown' };
    if (now >= session.expiresAt) return { status: 'expired' };
    const role = this.role(session.roleArn);
    if (!role) return { status: 'unknown' };
    return {
      status: 'ok',
      principal: {
        arn: assumedRoleArn(role.arn, session.sessionName, this.config.accountId),
        userId: `${roleId(role.arn)}:${session.sessionName}`,
        role,
        sessionName: session.sessionName,
        tags: session.tags,
        secretAccessKey: session.secretAccessKey,
      },
    };
  }

  /**
   * What a signature check needs to know of a key, whatever token the request carries (S3's
   * gateway compares the token itself): the secret, the session token and expiry, the principal.
   */
  credential(accessKeyId: string): { secretAccessKey: string; sessionToken?: string; expiresAt?: Date; principal: Principal } | undefined {
    const service = this.services.get(accessKeyId);
    if (service) return { secretAccessKey: service.secretAccessKey, principal: service };
    const session = this.sessions.get(accessKeyId);
    const found = session ? this.lookup(accessKeyId, session.sessionToken, 0) : undefined;
    if (!session || found?.status !== 'ok') return undefined;
    return { secretAccessKey: session.secretAccessKey, sessionToken: session.sessionToken, expiresAt: new Date(session.expiresAt), principal: found.principal };
  }

  /** Issues temporary credentials for a session of `role`. */
  issue(role: LocalRole, sessionName: string, tags: Record<string, string>, expiresAt: number): LocalSession {
    this.dropExpired(Date.now());
    const session: LocalSession = {
      accessKeyId: randomKeyId('ASIA'),
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: randomBytes(96).toString('base64'),
      expiresAt,
      roleArn: role.arn,
      sessionName,
      tags,
    };
    this.sessions.set(session.accessKeyId, session);
    this.onIssue(session);
    return session;
  }

  /**
   * Forgets sessions expired for over an hour; the hour keeps recent ones answering
   * ExpiredTokenException rather than UnrecognizedClientException, as AWS does.
   */
  private dropExpired(now: number): void {
    for (const [id, session] of this.sessions) if (session.expiresAt + 3_600_000 < now) this.sessions.delete(id);
  }
}
