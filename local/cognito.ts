/**
 * Local Cognito: cognito-local in a child process on 127.0.0.1, serving the real Cognito API to
 * `@aws-sdk/client-cognito-identity-provider`, with the pre-token-generation trigger invoked
 * through the local Lambda endpoint. Plus the provisioning helpers the local stack uses to create
 * one user pool per tenant (one app client per stage) and the demo users, idempotently.
 *
 * Pool ids: cognito-local names pools `local_XXXXXXXX`, which `CognitoJwtVerifier` rejects (it
 * demands `<region>_<id>`, e.g. `us-east-1_XXXXXXXX`). The child therefore runs with a small
 * preload that gives new pools a region-shaped id, and the issuer domain is the regional Cognito
 * one, so local tokens carry `iss = https://cognito-idp.<region>.amazonaws.com/<poolId>` and the
 * unchanged verifier accepts them. cognito-local signs with a key published in its package: a
 * deployed stage must never trust its JWKS (it never fetches it: deployed verifiers fetch keys
 * from AWS, where these random pool ids do not exist).
 */
import {
  AdminCreateUserCommand,
  AdminDeleteUserAttributesCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  NotAuthorizedException,
  UserNotFoundException,
  type AttributeType,
} from '@aws-sdk/client-cognito-identity-provider';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { createLogger, type Logger } from '../domain/logger.ts';
import { STACK_NODE_FLAGS } from './node-flags.ts';
import { supervise, type Child, type Exit, type RestartLimit } from './supervisor.ts';
import type { Role } from '../domain/model/tenant-context.ts';
import type { TenantIdentity } from '../domain/tenancy/registry.ts';

/** The region local pools pretend to live in (pool ids `us-east-1_XXXXXXXX`). */
export const LOCAL_COGNITO_REGION = 'us-east-1';
export { CUSTOM_ATTRIBUTES, stageClientName, tenantPoolName } from '../domain/tenancy/identity.ts';

const START_SCRIPT = createRequire(import.meta.url).resolve('cognito-local/lib/bin/start.js');
const START_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 5_000;
/** cognito-local accepts any credentials; the SDK needs some. */
const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

export interface LocalCognitoOptions {
  /** Folder holding `.cognito/` (config and data). Omitted = a temporary folder removed on stop. */
  folder?: string;
  /** The local Lambda endpoint cognito-local invokes triggers through. */
  lambdaEndpoint: string;
  /** Function name of the pre-token-generation trigger registered at that endpoint. */
  preTokenGenerationFunction: string;
  /** Port on 127.0.0.1; 0 or omitted = any free port. */
  port?: number;
  /**
   * Region in pool ids and issuers. Default {@link LOCAL_COGNITO_REGION}. `'local'` keeps
   * cognito-local's own `local_XXXXXXXX` ids, which `CognitoJwtVerifier` refuses.
   */
  region?: string;
  logger?: Logger;
  /** A child dying more often than this is left dead (default: see local/supervisor.ts). */
  restartLimit?: RestartLimit;
}

/** A running cognito-local. */
export interface LocalCognito {
  /** `http://127.0.0.1:<port>`, the endpoint to give Cognito SDK clients. */
  endpoint: string;
  /** Process id of the cognito-local child; a new one after a restart. */
  readonly pid: number;
  /** Resolves once a child that died serves again on the same endpoint (see local/supervisor.ts). */
  nextRestart(): Promise<void>;
  /** The folder holding `.cognito/` (temporary unless given). */
  folder: string;
  /** Issuer of a pool's tokens. */
  issuerOf(userPoolId: string): string;
  /** Stops the child process (and removes the temporary folder, if one was made). */
  stop(): Promise<void>;
}

/**
 * Runs in the child before cognito-local loads: exits when the parent goes away (the IPC channel
 * closes), removing a temporary data folder first, and gives new pools region-shaped ids.
 * Kept as a string, passed as a `data:` URL, so no extra file ships.
 */
function preloadSource(region: string): string {
  const rename =
    region === 'local'
      ? ''
      : `
const { CognitoServiceImpl } = createRequire(process.env.COGNITO_LOCAL_START)('../services/cognitoService.js');
const createUserPool = CognitoServiceImpl.prototype.createUserPool;
CognitoServiceImpl.prototype.createUserPool = function (ctx, pool) {
  const id = String(pool.Id).replace(/^local_/, ${JSON.stringify(`${region}_`)});
  const account = String(pool.Arn ?? '').split(':')[4] || 'local';
  const arn = 'arn:aws:cognito-idp:' + ${JSON.stringify(region)} + ':' + account + ':userpool/' + id;
  return createUserPool.call(this, ctx, { ...pool, Id: id, Arn: arn });
};`;
  return `import { createRequire } from 'node:module';
import { rmSync } from 'node:fs';
process.on('disconnect', () => {
  if (process.env.COGNITO_LOCAL_TEMP_FOLDER) rmSync(process.env.COGNITO_LOCAL_TEMP_FOLDER, { recursive: true, force: true });
  process.exit(0);
});
// Ctrl-C reaches the whole process group; the parent stops this process itself (SIGTERM), after what it needs.
process.on('SIGINT', () => undefined);
${rename}
${REFUSE_DISABLED_USERS}
${ENFORCE_WRITE_ATTRIBUTES}`;
}

/**
 * Cognito lets a user change (or delete) only the attributes their app client's `WriteAttributes`
 * list (standard attributes only, when the client lists none) and answers anything else with
 * `NotAuthorizedException: A client attempted to write unauthorized attribute`; cognito-local
 * writes whatever it is sent. The preload wraps the two self-service targets so a user cannot set
 * their own `custom:tenantRole` locally either. (Tokens never take the role from the attribute:
 * the pre-token trigger stamps it from the membership, so this is the second line, as on AWS.)
 */
const ENFORCE_WRITE_ATTRIBUTES = `
{
  const load = createRequire(process.env.COGNITO_LOCAL_START);
  const { Targets } = load('../targets/targets.js');
  const { NotAuthorizedError, InvalidParameterError } = load('../errors.js');
  const jwt = load('jsonwebtoken');
  const names = { UpdateUserAttributes: (req) => (req.UserAttributes || []).map((a) => a && a.Name), DeleteUserAttributes: (req) => req.UserAttributeNames || [] };
  for (const [name, written] of Object.entries(names)) {
    const original = Targets[name];
    Targets[name] = (services) => {
      const target = original(services);
      return async (ctx, req) => {
        const token = req && req.AccessToken ? jwt.decode(req.AccessToken) : null;
        if (!token || !token.client_id) throw new InvalidParameterError();
        const client = await services.cognito.getAppClient(ctx, token.client_id);
        if (!client) throw new NotAuthorizedError();
        const allowed = client.WriteAttributes;
        const permitted = (attribute) => (allowed && allowed.length > 0 ? allowed.includes(attribute) : !String(attribute).startsWith('custom:'));
        if (!written(req).every(permitted)) throw new NotAuthorizedError('A client attempted to write unauthorized attribute');
        return target(ctx, req);
      };
    };
  }
}`;

/**
 * Cognito refuses a disabled user's sign-in ("User is disabled."); cognito-local does not check.
 * The preload wraps its two sign-in targets so a leaver whose sign-in the runner disabled is
 * refused locally as on AWS.
 */
const REFUSE_DISABLED_USERS = `
{
  const load = createRequire(process.env.COGNITO_LOCAL_START);
  const { Targets } = load('../targets/targets.js');
  const { NotAuthorizedError } = load('../errors.js');
  for (const name of ['InitiateAuth', 'AdminInitiateAuth']) {
    const original = Targets[name];
    Targets[name] = (services) => {
      const target = original(services);
      return async (ctx, req) => {
        const username = req && req.AuthParameters && req.AuthParameters.USERNAME;
        const pool = req && req.UserPoolId
          ? await services.cognito.getUserPool(ctx, req.UserPoolId)
          : req && req.ClientId ? await services.cognito.getUserPoolForClientId(ctx, req.ClientId) : null;
        const user = pool && username ? await pool.getUserByUsername(ctx, username) : null;
        if (user && user.Enabled === false) throw new NotAuthorizedError('User is disabled.');
        return target(ctx, req);
      };
    };
  }
}`;

/** Starts cognito-local and resolves once it listens. */
export async function startLocalCognito(options: LocalCognitoOptions): Promise<LocalCognito> {
  const log = options.logger ?? createLogger({ service: 'local-cognito' });
  const region = options.region ?? LOCAL_COGNITO_REGION;
  const temporary = options.folder === undefined;
  const folder = path.resolve(options.folder ?? (await mkdtemp(path.join(os.tmpdir(), 'optimalhr-cognito-'))));
  const issuerDomain = `https://cognito-idp.${region}.amazonaws.com`;
  const removeTemporary = async () => {
    if (temporary) await rm(folder, { recursive: true, force: true });
  };

  await mkdir(path.join(folder, '.cognito', 'db'), { recursive: true });
  const config = {
    LambdaClient: { endpoint: options.lambdaEndpoint, region, credentials: LOCAL_CREDENTIALS, maxRetries: 0 },
    TriggerFunctions: { PreTokenGeneration: options.preTokenGenerationFunction },
    TokenConfig: { IssuerDomain: issuerDomain },
    UserPoolDefaults: { UsernameAttributes: ['email'] },
  };
  await writeFile(path.join(folder, '.cognito', 'config.json'), `${JSON.stringify(config, null, 2)}\n`);

  /** Starts cognito-local on `port` (0: any free one) and resolves once it listens. */
  const launch = async (port: number): Promise<CognitoChild> => {
    const child = spawn(
      process.execPath,
      [...STACK_NODE_FLAGS, '--import', `data:text/javascript,${encodeURIComponent(preloadSource(region))}`, START_SCRIPT],
      {
        cwd: folder,
        env: {
          ...process.env,
          HOST: '127.0.0.1',
          PORT: String(port),
          COGNITO_LOCAL_START: START_SCRIPT,
          COGNITO_LOCAL_TEMP_FOLDER: temporary ? folder : '',
          DEBUG: '',
          AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1',
        },
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      },
    );
    const exited = new Promise<Exit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    try {
      return { child, exited, port: await listeningPort(child) };
    } catch (error) {
      await kill(child, exited);
      throw error;
    }
  };

  let first: CognitoChild;
  try {
    first = await launch(options.port ?? 0);
  } catch (error) {
    await removeTemporary();
    throw error;
  }
  const endpoint = `http://127.0.0.1:${first.port}`;
  // Its data lives in files (users, pools, clients): a replacement on the same port carries on.
  const supervised = supervise({
    name: 'local cognito',
    first,
    logger: log,
    ...(options.restartLimit ? { restartLimit: options.restartLimit } : {}),
    relaunch: () => launch(first.port),
    stopChild: ({ child, exited }) => kill(child, exited),
  });
  log.info('local cognito started', { endpoint, pid: first.child.pid, issuerDomain });

  return {
    endpoint,
    get pid() {
      return supervised.current.child.pid!;
    },
    nextRestart: () => supervised.nextRestart(),
    folder,
    issuerOf: (userPoolId) => `${issuerDomain}/${userPoolId}`,
    async stop() {
      await supervised.stop();
      await removeTemporary();
      log.info('local cognito stopped', { endpoint });
    },
  };
}

/** One cognito-local process, once it listens. */
interface CognitoChild extends Child {
  child: ChildProcess;
  port: number;
}

/** Reads the child's output until cognito-local logs the address it listens on. */
function listeningPort(child: ChildProcess): Promise<number> {
  const recent: string[] = [];
  return new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`cognito-local did not start within ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
    const onExit = (code: number | null) => fail(new Error(`cognito-local exited during start (code ${code})`));
    const lines = [createInterface({ input: child.stdout! }), createInterface({ input: child.stderr! })];
    function fail(error: Error) {
      clearTimeout(timer);
      child.off('exit', onExit);
      // Its output may name users; it is kept out of logs and only shown when start fails.
      reject(new Error(`${error.message}\n${recent.join('\n')}`));
    }
    child.once('exit', onExit);
    for (const reader of lines) {
      reader.on('line', (raw) => {
        const line = raw.replace(/\u001b\[[0-9;]*m/g, '');
        recent.push(line);
        if (recent.length > 20) recent.shift();
        const match = /Cognito Local running on https?:\/\/[^\s:]+:(\d+)/.exec(line);
        if (match) {
          clearTimeout(timer);
          child.off('exit', onExit);
          resolve(Number(match[1]));
        }
      });
    }
  });
}

async function kill(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

/** A Cognito client for a local endpoint. */
function cognitoClient(endpoint: string): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({ endpoint, region: LOCAL_COGNITO_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
}

async function withClient<T>(endpoint: string, run: (client: CognitoIdentityProviderClient) => Promise<T>): Promise<T> {
  const client = cognitoClient(endpoint);
  try {
    return await run(client);
  } finally {
    client.destroy();
  }
}

/** Where cognito-local serves a pool's signing keys. */
export function localJwksUri(cognitoEndpoint: string, userPoolId: string): string {
  return `${cognitoEndpoint.replace(/\/$/, '')}/${userPoolId}/.well-known/jwks.json`;
}

/** A user to create in a tenant pool. */
export interface ProvisionedUser {
  email: string;
  password: string;
  tenantId: string;
  role: Role;
  employeeId?: string;
}

/**
 * Creates the user (email as username, verified, custom tenant attributes) with a permanent
 * password, or brings an existing user's attributes and password up to date.
 */
export async function provisionUser(cognitoEndpoint: string, identity: TenantIdentity, user: ProvisionedUser): Promise<void> {
  const attributes: AttributeType[] = [
    { Name: 'email', Value: user.email },
    { Name: 'email_verified', Value: 'true' },
    { Name: 'custom:tenantId', Value: user.tenantId },
    { Name: 'custom:tenantRole', Value: user.role },
    ...(user.employeeId ? [{ Name: 'custom:employeeId', Value: user.employeeId }] : []),
  ];
  await withClient(cognitoEndpoint, async (client) => {
    const UserPoolId = identity.userPoolId;
    const current = await client.send(new AdminGetUserCommand({ UserPoolId, Username: user.email })).catch((error: unknown) => {
      if (error instanceof UserNotFoundException) return undefined;
      throw error;
    });
    if (current) {
      await client.send(new AdminUpdateUserAttributesCommand({ UserPoolId, Username: user.email, UserAttributes: attributes }));
      const hadEmployeeId = current.UserAttributes?.some((attribute) => attribute.Name === 'custom:employeeId');
      if (hadEmployeeId && !user.employeeId) {
        await client.send(new AdminDeleteUserAttributesCommand({ UserPoolId, Username: user.email, UserAttributeNames: ['custom:employeeId'] }));
      }
    } else {
      await client.send(new AdminCreateUserCommand({ UserPoolId, Username: user.email, UserAttributes: attributes, MessageAction: 'SUPPRESS' }));
    }
    await client.send(new AdminSetUserPasswordCommand({ UserPoolId, Username: user.email, Password: user.password, Permanent: true }));
  });
}

/** Tokens from a successful sign-in. */
export interface SignInResult {
  idToken: string;
  accessToken: string;
  /** Seconds the tokens stay valid. */
  expiresIn: number;
}

/**
 * Signs in the way a client does: `InitiateAuth` with `USER_PASSWORD_AUTH` on the stage's app client.
 * A wrong password throws `NotAuthorizedException`, as Cognito does (cognito-local answers
 * `InvalidPasswordException`; it is translated). A refusal by the pre-token-generation trigger
 * throws `UserLambdaValidationException`.
 */
export async function signIn(cognitoEndpoint: string, clientId: string, email: string, password: string): Promise<SignInResult> {
  return withClient(cognitoEndpoint, async (client) => {
    let result;
    try {
      result = await client.send(
        new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: email, PASSWORD: password } }),
      );
    } catch (error) {
      if (error instanceof Error && error.name === 'InvalidPasswordException') {
        throw new NotAuthorizedException({ message: 'Incorrect username or password.', $metadata: {} });
      }
      throw error;
    }
    if (result.ChallengeName) throw new Error(`Sign-in needs the ${result.ChallengeName} challenge, which local sign-in does not answer`);
    const idToken = result.AuthenticationResult?.IdToken;
    const accessToken = result.AuthenticationResult?.AccessToken;
    if (!idToken || !accessToken) throw new Error('Sign-in returned no tokens');
    return { idToken, accessToken, expiresIn: result.AuthenticationResult?.ExpiresIn ?? lifetimeOf(idToken) };
  });
}

/** `exp - iat` of a JWT (cognito-local leaves ExpiresIn out). */
function lifetimeOf(jwt: string): number {
  const payload = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: number; iat?: number };
  return payload.exp !== undefined && payload.iat !== undefined ? payload.exp - payload.iat : 0;
}
