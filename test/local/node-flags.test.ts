import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { STACK_NODE_FLAGS } from '../../local/node-flags.ts';

describe('the local stack\'s V8 flags', () => {
  it('are the ones npm start passes to its own process', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };
    const start = pkg.scripts.start!.split(' ');
    expect(start.slice(1, 1 + STACK_NODE_FLAGS.length)).toEqual([...STACK_NODE_FLAGS]);
  });
});
