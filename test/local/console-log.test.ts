/** npm start's console: a short line per request and job run, warnings and errors, and nothing else unless asked. */
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../domain/logger.ts';
import { embeddedMetrics, JOBS_NAMESPACE } from '../../domain/metrics.ts';
import { humanLine, installConsoleLog } from '../../local/console-log.ts';

/** What a logger writes, as the stack's parts write it. */
function logged(write: (log: ReturnType<typeof createLogger>) => void): string {
  const lines: string[] = [];
  write(createLogger({ service: 'test', level: 'debug', write: (line) => lines.push(line) }));
  return lines[0]!;
}

const at = '2026-12-07T13:02:11.000Z';
const local = new Date(at).toTimeString().slice(0, 8);

describe('the human console format', () => {
  it('shows a GraphQL request as time, tenant, operation, status and errors, and duration', () => {
    const line = JSON.stringify({ time: at, level: 'info', service: 'local-stack', component: 'appsync', stage: 'Dev', message: 'graphql request', requestId: 'r1', tenantId: 'acme', userId: 'u1', authMode: 'AWS_LAMBDA', operation: 'query employees', status: 200, errorTypes: ['UNAUTHORIZED_ACCESS', 'UNAUTHORIZED_ACCESS'], durationMs: 34 });
    expect(humanLine(line)).toBe(`${local}  acme     query employees              200 UNAUTHORIZED_ACCESS  34 ms`);
    expect(humanLine(line, { showStage: true })).toBe(`${local}  Dev     acme     query employees              200 UNAUTHORIZED_ACCESS  34 ms`);
    const internal = JSON.stringify({ time: at, level: 'info', message: 'graphql request', authMode: 'AWS_IAM', operation: 'mutation Notify', status: 200, durationMs: 5 });
    expect(humanLine(internal)).toContain('(internal) mutation Notify');
  });

  it('shows a job run as tenant, job, runner, outcome and duration, without the metric blob', () => {
    const line = logged((log) => log.info('run finished', {
      runner: 'AIML-SaaS-CRUD-Item', tenantId: 'acme', jobId: 'demo-touch-employee', outcome: 'rescheduled', nextRunAt: '2026-12-08T14:00:00.000Z', attempt: 1, run: 3,
      ...embeddedMetrics(JOBS_NAMESPACE, { Runner: 'AIML-SaaS-CRUD-Item', Outcome: 'rescheduled' }, { JobRuns: { value: 1, unit: 'Count' }, JobDuration: { value: 120, unit: 'Milliseconds' } }, new Date(at)),
    }));
    expect(humanLine(line)).toMatch(/^\d\d:\d\d:\d\d {2}acme {5}job demo-touch-employee \(AIML-SaaS-CRUD-Item\) rescheduled \(next 2026-12-08T14:00:00\.000Z\) {2}120 ms$/);
  });

  it('shows warnings and errors with their fields, and leaves other info and debug lines out', () => {
    const warning = humanLine(logged((log) => log.child({ component: 'dynamodb' }).warn('access denied', { tenantId: 'acme', action: 'dynamodb:GetItem', detail: { a: 1 } })));
    expect(warning).toMatch(/^\d\d:\d\d:\d\d {2}WARN test\/dynamodb: access denied {2}tenantId=acme action=dynamodb:GetItem detail=\{"a":1\}$/);
    expect(humanLine(logged((log) => log.error('tick failed', { error: 'boom' })))).toMatch(/ERROR test: tick failed {2}error=boom$/);
    expect(humanLine(logged((log) => log.info('sign-in accepted', { tenantId: 'acme' })))).toBeUndefined();
    expect(humanLine(logged((log) => log.debug('detail')))).toBeUndefined();
  });

  it('passes through what is not a log line', () => {
    expect(humanLine('OptimalHR local stack is up (Dev).')).toBe('OptimalHR local stack is up (Dev).');
    expect(humanLine('[1, 2]')).toBe('[1, 2]');
  });

  it('formats whole lines however the writes split them, and leaves JSON alone when asked', () => {
    const out: string[] = [];
    const stream = { write: (chunk: string) => out.push(chunk) > 0 } as unknown as NodeJS.WriteStream;
    installConsoleLog('human', { stream });
    const request = JSON.stringify({ time: at, level: 'info', message: 'graphql request', tenantId: 'globex', operation: 'query jobs', status: 200, durationMs: 7 });
    stream.write(`banner\n${request.slice(0, 20)}`);
    stream.write(`${request.slice(20)}\n${JSON.stringify({ level: 'info', message: 'quiet' })}\n`);
    expect(out.join('')).toBe(`banner\n${local}  globex   query jobs                   200  7 ms\n`);

    const untouched: string[] = [];
    const plain = { write: (chunk: string) => untouched.push(chunk) > 0 } as unknown as NodeJS.WriteStream;
    installConsoleLog('json', { stream: plain });
    plain.write(`${request}\n`);
    expect(untouched).toEqual([`${request}\n`]);
  });
});
