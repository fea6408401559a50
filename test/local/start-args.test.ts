/** `npm start`'s flags: each wrong one refused with the sentence that says why (the CLI adds the usage and exit 2). */
import { describe, expect, it } from 'vitest';
import { DEFAULT_PORT, parseStartArgs, UsageError } from '../../local/start-args.ts';

describe('npm start flags', () => {
  it('default to the deployed schedule, port 4000, Dev, human logs, data kept', () => {
    expect(parseStartArgs([])).toEqual({ help: false, port: DEFAULT_PORT, tickSeconds: undefined, stages: ['Dev'], dataDir: undefined, memory: false, reset: false, logFormat: 'human' });
  });

  it('take every flag', () => {
    expect(parseStartArgs(['--port', '0', '--tick', '5', '--stages', 'Dev, Staging', '--data-dir', '/tmp/x', '--memory', '--reset', '--log-format', 'json'])).toEqual({
      help: false, port: 0, tickSeconds: 5, stages: ['Dev', 'Staging'], dataDir: '/tmp/x', memory: true, reset: true, logFormat: 'json',
    });
    expect(parseStartArgs(['--stage', 'Prod']).stages).toEqual(['Prod']);
    expect(parseStartArgs(['-h']).help).toBe(true);
  });

  it.each([
    [['--port', 'abc'], /--port must be an integer from 0 to 65535/],
    [['--port', '70000'], /--port must be an integer/],
    [['--port=-1'], /--port must be an integer/],
    [['--port', '-1'], /argument is ambiguous/],
    [['--stage', 'Qa'], /Unknown stage "Qa"/],
    [['--stages', 'Dev,Qa'], /Unknown stage "Qa"/],
    [['--stages', 'Dev,dev'], /names a stage twice/],
    [['--stage', 'Dev', '--stages', 'Staging'], /not both/],
    [['--log-format', 'xml'], /--log-format must be human or json/],
    [['--colour'], /Unknown option '--colour'/],
    [['extra'], /positional/i],
    [['--tick', 'often'], /--tick must be a whole number of seconds/],
    [['--tick', '86401'], /--tick must be a whole number of seconds from 0 to 86400/],
  ])('refuse %j with a clear message', (args, message) => {
    expect(() => parseStartArgs(args)).toThrow(UsageError);
    expect(() => parseStartArgs(args)).toThrow(message);
  });
});
