/**
 * `npm run tenant -- create|status|rollback …`: the product's onboarding workflow
 * (domain/tenancy/onboarding.ts), run against the running local stack (npm start) in its own stage,
 * with the stack's internal key — what the control-plane Lambda does behind `createTenant`.
 *
 * Exit codes: 0 done; 1 no running stack, or a step failed (run the same create again to resume,
 * or rollback); 2 bad flags or input (every bad field is listed), or a conflict.
 */
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { VerifiedPermissionsClient } from '@aws-sdk/client-verifiedpermissions';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DomainError } from '../domain/domain-error.ts';
import type { Stage } from '../domain/model/stage.ts';
import { ONBOARDING_STEPS, onboardingState, onboardTenant, rollbackOnboarding, type OnboardingState } from '../domain/tenancy/onboarding.ts';
import { quietSdkNodeWarning } from './node-flags.ts';
import { onboardingServices } from './onboarding.ts';
import { CliError, dataDirFrom, isConnectionError, readStack, runCli, type CliIo } from './stack-file.ts';

const USAGE = `Usage: npm run tenant -- <command> --tenant <id> [flags]

Onboards tenants into the running local stack (npm start), as the createTenant mutation does.
  create --tenant <id> --admin-email <email> [--name <text>] [--plan trial|standard|enterprise]
         [--time-zone <IANA zone>] [--locale <BCP 47>] [--currency <ISO 4217>]
         [--week-start MONDAY..SUNDAY] [--fiscal-year-start MM-DD]
        onboards the tenant (pool, app clients, policy store, registry record, first admin invited
        with a temporary password, activation), printing each step; run again to resume one that stopped
  status --tenant <id>
        the onboarding's steps and how far it got
  rollback --tenant <id>
        deletes what an unfinished onboarding made

Flags:
  --data-dir  the stack's data folder (default: $OPTIMALHR_DATA_DIR, else .optimalhr/ in the checkout)

Exit codes: 0 done; 1 no running stack or a step failed; 2 bad flags or input, or a conflict.`;

const COMMANDS = ['create', 'status', 'rollback'] as const;
type Command = (typeof COMMANDS)[number];

const CREATE_FLAGS = ['admin-email', 'name', 'plan', 'time-zone', 'locale', 'currency', 'week-start', 'fiscal-year-start'] as const;

interface TenantArgs {
  command: Command;
  tenantId: string;
  flags: Partial<Record<(typeof CREATE_FLAGS)[number], string>>;
  dataDir: string;
}

function usage(problem: string): CliError {
  return new CliError(`tenant: ${problem}\n\n${USAGE}`, 2);
}

export function parseTenantArgs(argv: readonly string[]): TenantArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        tenant: { type: 'string' },
        'data-dir': { type: 'string' },
        help: { type: 'boolean' },
        ...Object.fromEntries(CREATE_FLAGS.map((flag) => [flag, { type: 'string' as const }])),
      },
    });
  } catch (error) {
    throw usage((error as Error).message);
  }
  const { positionals } = parsed;
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values.help) throw new CliError(USAGE, 0);
  const [command, ...extra] = positionals;
  if (!command || !(COMMANDS as readonly string[]).includes(command)) throw usage(command ? `unknown command "${command}"` : 'no command');
  if (extra.length > 0) throw usage(`unexpected "${extra.join(' ')}"`);
  if (typeof values.tenant !== 'string' || values.tenant === '') throw usage('--tenant is required');
  const flags = Object.fromEntries(CREATE_FLAGS.flatMap((flag) => (typeof values[flag] === 'string' ? [[flag, values[flag] as string]] : [])));
  if (command !== 'create' && Object.keys(flags).length > 0) throw usage(`${command} takes only --tenant`);
  if (command === 'create' && !flags['admin-email']) throw usage('create needs --admin-email');
  return { command: command as Command, tenantId: values.tenant, flags, dataDir: dataDirFrom(values['data-dir'] as string | undefined) };
}

function describe(state: OnboardingState): string {
  const lines = ONBOARDING_STEPS.map((step, i) => `  ${i + 1}. ${step.padEnd(11)} ${state.done.includes(step) ? 'done' : state.error?.step === step ? `FAILED: ${state.error.message}` : '-'}`);
  return [`tenant ${state.tenantId}: ${state.status} (${state.done.length}/${ONBOARDING_STEPS.length} steps)`, ...lines].join('\n');
}

async function execute(args: TenantArgs, io: CliIo): Promise<string> {
  const stack = await readStack(args.dataDir, 'tenant');
  if (!stack.dynamodb || !stack.cognito || !stack.verifiedPermissions || !stack.credentials || !stack.stage || !stack.region) {
    throw new CliError(`tenant: the stack file in ${args.dataDir} lacks endpoints; restart the stack`, 1);
  }
  const { region, credentials } = stack;
  const stage = stack.stage as Stage;
  const dynamo = new DynamoDBClient({ endpoint: stack.dynamodb.endpoint, region, credentials });
  const avp = new VerifiedPermissionsClient({ endpoint: stack.verifiedPermissions.endpoint, region, credentials });
  const cognito = new CognitoIdentityProviderClient({ endpoint: stack.cognito.endpoint, region, credentials });
  try {
    const services = {
      ...onboardingServices({ cognitoEndpoint: stack.cognito.endpoint, avp, dynamo, stage, region }, cognito),
      onProgress: (p: { step: string; done: number; total: number }) => io.stdout(`[${p.done}/${p.total}] ${p.step} done\n`),
    };
    switch (args.command) {
      case 'create': {
        const { flags } = args;
        const state = await onboardTenant(services, {
          tenantId: args.tenantId,
          displayName: flags.name ?? null,
          plan: flags.plan ?? null,
          adminEmail: flags['admin-email']!,
          settings: {
            timeZone: flags['time-zone'] ?? null,
            locale: flags.locale ?? null,
            currency: flags.currency ?? null,
            weekStart: flags['week-start'] ?? null,
            fiscalYearStart: flags['fiscal-year-start'] ?? null,
          },
        });
        return describe(state);
      }
      case 'status': {
        const state = await onboardingState(dynamo, stage, args.tenantId);
        if (!state) throw new CliError(`tenant: no onboarding of ${args.tenantId} in ${stage}`, 2);
        return describe(state);
      }
      case 'rollback':
        await rollbackOnboarding(services, args.tenantId);
        return `tenant ${args.tenantId}: rolled back; nothing of its onboarding is left`;
    }
  } catch (error) {
    if (error instanceof DomainError) {
      const fields = error.fields.map((f) => `\n  ${f.field}: ${f.message}`).join('');
      throw new CliError(`tenant: ${error.errorType}: ${error.message}${fields}`, 2);
    }
    if (isConnectionError(error)) throw new CliError(`tenant: the local stack on ${args.dataDir} does not answer; is it still running?`, 1);
    if (args.command === 'create') {
      throw new CliError(`tenant: onboarding stopped: ${(error as Error).message}\nRun the same create again to resume, or rollback.`, 1);
    }
    throw error;
  } finally {
    dynamo.destroy();
    avp.destroy();
    cognito.destroy();
  }
}

/** Runs the command line `argv`; resolves to the exit code. */
export function runTenantCli(argv: readonly string[], io: CliIo): Promise<number> {
  return runCli('tenant', io, async () => execute(parseTenantArgs(argv), io));
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  quietSdkNodeWarning();
  process.exitCode = await runTenantCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
}
