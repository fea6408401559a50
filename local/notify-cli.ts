/**
 * `npm run notify -- --to <email> --title <text> [--body <text>] [--kind GENERAL] [--data-dir <folder>]`
 *
 * Publishes a notification to a user of the running local stack through the same AWS_IAM
 * `publishNotification` mutation the job runners use, so a mobile developer can watch it arrive
 * on `onNotification`. Prints what was sent: `Sent notification <id> to <email> (tenant <id>): <title>`.
 * Exit codes: 0 published; 1 the stack is not running or the API refused; 2 bad flags or unknown user.
 */
import { AdminGetUserCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { NotificationKind } from '../domain/generated/graphql.ts';
import { iamGraphQL } from '../domain/internal-graphql.ts';
import { quietSdkNodeWarning } from './node-flags.ts';
import { CliError, dataDirFrom, isConnectionError, readStack, runCli, type CliIo } from './stack-file.ts';

const KINDS: readonly NotificationKind[] = ['CLOCK_REMINDER', 'LEAVE_DECISION', 'DOCUMENT_SHARED', 'PAYSLIP_READY', 'GENERAL'];

const USAGE = `Usage: npm run notify -- --to <email> --title <text> [--body <text>] [--kind ${KINDS.join('|')}] [--data-dir <folder>]

Publishes a notification to a user of the running local stack (npm start), as internal callers do.
  --to        the recipient's email (any user of the stack's tenants)
  --title     the title (1-120 characters)
  --body      the text (up to 1000 characters)
  --kind      the kind (default GENERAL)
  --data-dir  the stack's data folder (default: $OPTIMALHR_DATA_DIR, else .optimalhr/ in the checkout)`;

const PUBLISH = `mutation Notify($tenantId: ID!, $input: PublishNotificationInput!) {
  publishNotification(tenantId: $tenantId, input: $input) { id tenantId recipientUserId kind title body link createdAt readAt }
}`;

export function runNotifyCli(argv: readonly string[], io: CliIo): Promise<number> {
  return runCli('notify', io, () => notify(argv));
}

async function notify(argv: readonly string[]): Promise<string> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        to: { type: 'string' },
        title: { type: 'string' },
        body: { type: 'string' },
        kind: { type: 'string', default: 'GENERAL' },
        'data-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new CliError(`notify: ${(error as Error).message}\n\n${USAGE}`, 2);
  }
  if (values.help) throw new CliError(USAGE, 0);
  if (!values.to || !values.title) throw new CliError(`notify: --to and --title are required\n\n${USAGE}`, 2);
  if (!KINDS.includes(values.kind as NotificationKind)) throw new CliError(`notify: --kind must be one of ${KINDS.join(', ')}\n\n${USAGE}`, 2);

  const stack = await readStack(dataDirFrom(values['data-dir']), 'notify');
  if (!stack.cognito || !stack.graphql || !stack.credentials || !stack.region) throw new CliError('notify: stack.json lacks the Cognito, GraphQL or credential entries', 1);
  const recipient = await findUser(stack.cognito.endpoint, stack.region, stack.cognito.pools, values.to.trim().toLowerCase());
  if (!recipient) throw new CliError(`notify: no user ${values.to} in any tenant of this stack`, 2);

  const send = iamGraphQL({ url: stack.graphql.http, region: stack.region, credentials: stack.credentials });
  const answer = await send<{ publishNotification: { id: string; kind: string } }>(PUBLISH, {
    tenantId: recipient.tenantId,
    input: { recipientUserId: recipient.sub, kind: values.kind, title: values.title, ...(values.body ? { body: values.body } : {}) },
  }).catch((error: unknown) => {
    if (isConnectionError(error)) throw new CliError(`notify: the local stack does not answer at ${stack.graphql!.http}; is it running? Start it with npm start`, 1);
    throw error;
  });
  const id = answer.data?.publishNotification?.id;
  if (!id) throw new CliError(`notify: the API refused: ${JSON.stringify(answer.errors ?? answer)}`, 1);
  return `Sent notification ${id} (${answer.data!.publishNotification.kind}) to ${values.to} in tenant ${recipient.tenantId}: ${JSON.stringify(values.title)}`;
}


/** The user's tenant and Cognito sub, looked up in every tenant pool of the stack. */
async function findUser(endpoint: string, region: string, pools: Record<string, { userPoolId: string }>, email: string) {
  const cognito = new CognitoIdentityProviderClient({ endpoint, region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    for (const [tenantId, { userPoolId }] of Object.entries(pools)) {
      const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: email })).catch((error: Error) => {
        if (error.name === 'UserNotFoundException') return undefined;
        throw error;
      });
      const sub = user?.UserAttributes?.find((a) => a.Name === 'sub')?.Value;
      if (sub) return { tenantId, sub };
    }
    return undefined;
  } finally {
    cognito.destroy();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  quietSdkNodeWarning();
  process.exitCode = await runNotifyCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
}
