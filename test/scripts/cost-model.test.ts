/**
 * The cost model's arithmetic (scripts/cost-model.ts): tiers at their boundaries, free tiers never
 * below zero, totals that are exactly the sum of their lines, and docs/cost-model.md's result
 * tables equal to what the script computes, so the two cannot drift.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  afterFreeTier,
  AVP_BATCH_LIMIT,
  AVP_CALLS_PER_DECISION,
  byService,
  computeModel,
  COLUMNS,
  dollars,
  DOCUMENTED_SCALES,
  formatMicros,
  LINE_IDS,
  main,
  parseArgs,
  PRICES,
  priceQuantities,
  PROBES_PER_EMPLOYEE_DECISION,
  renderReport,
  reportMarkers,
  roundMicros,
  sampledTraces,
  SERVICES,
  sumMicros,
  tieredCost,
  type Quantities,
} from '../../scripts/cost-model.ts';

const M = 1_000_000n;
const GB = 1n << 30n;
const TB = 1024n * GB;
const quantities = (values: Partial<Quantities>): Quantities =>
  ({ ...Object.fromEntries(LINE_IDS.map((id) => [id, 0n])), ...values }) as Quantities;

describe('prices as exact rationals', () => {
  it('turns decimal dollar strings into micro-dollars without losing digits past the sixth place', () => {
    // given a Lambda Arm price with ten decimal places, per GB-second (1024 MB × 1000 ms)
    // when it is read
    const r = dollars('0.0000133334', 1024n * 1000n);
    // then 400,000 GB-s cost exactly $5.33336
    expect(tieredCost(400_000n * 1024n * 1000n, [{ upTo: null, rate: r }])).toBe(5_333_360n);
  });

  it('rounds once, half up, to the micro-dollar', () => {
    // given half a micro-dollar and a little less than half
    // then the first rounds up and the second down
    expect(roundMicros({ numerator: 1n, denominator: 2n })).toBe(1n);
    expect(roundMicros({ numerator: 49n, denominator: 100n })).toBe(0n);
    // and one unit at 1 µ$ per 3 units is a third of a micro-dollar: nothing
    expect(tieredCost(1n, [{ upTo: null, rate: { micro: 1n, per: 3n } }])).toBe(0n);
  });

  it('formats micro-dollars to the cent (half up) with thousands separators, and never shows -$0.00', () => {
    expect(formatMicros(1_234_567_890n)).toBe('$1,234.57');
    expect(formatMicros(4_999n)).toBe('$0.00');
    expect(formatMicros(5_000n)).toBe('$0.01');
    expect(formatMicros(-3n)).toBe('$0.00');
    expect(formatMicros(86_190n, 4)).toBe('$0.0862');
  });
});

describe('tiered prices at their boundaries', () => {
  const avp = PRICES.avpBatch.tiers;

  it('bills Verified Permissions batch calls at $0.00015 up to 40 million, inclusive', () => {
    // given exactly the first tier's last call, and one more
    // then the 40,000,000th costs the first rate and the next the second ($0.000075)
    expect(tieredCost(40n * M, avp)).toBe(6_000n * M);
    expect(tieredCost(40n * M + 1n, avp)).toBe(6_000n * M + 75n);
  });

  it('bills the next 60 million at $0.000075 and everything past 100 million at $0.00004', () => {
    expect(tieredCost(100n * M, avp)).toBe(10_500n * M);
    expect(tieredCost(100n * M + 1n, avp)).toBe(10_500n * M + 40n);
    // 105M calls: the large scale's figure
    expect(tieredCost(105n * M, avp)).toBe(10_700n * M);
  });

  it('bills S3 Standard at $0.023 for the first 50 TB, $0.022 to 500 TB, $0.021 beyond', () => {
    const s3 = PRICES.s3Storage.tiers;
    expect(tieredCost(50n * TB, s3)).toBe(50n * 1024n * 23_000n);
    expect(tieredCost(50n * TB + GB, s3)).toBe(50n * 1024n * 23_000n + 22_000n);
    expect(tieredCost(500n * TB + GB, s3)).toBe(50n * 1024n * 23_000n + 450n * 1024n * 22_000n + 21_000n);
  });

  it('bills zero units nothing and refuses a negative quantity', () => {
    expect(tieredCost(0n, avp)).toBe(0n);
    expect(() => tieredCost(-1n, avp)).toThrow(/negative/);
  });
});

describe('free tiers', () => {
  it('subtract the allowance and never go below zero', () => {
    expect(afterFreeTier(10_001n, 10_000n)).toBe(1n);
    expect(afterFreeTier(10_000n, 10_000n)).toBe(0n);
    expect(afterFreeTier(500n, 10_000n)).toBe(0n);
  });

  it('apply only the always-free allowances, never the 12-month ones', () => {
    // given 500 Cognito MAU (10,000 always free) and 157,500 AppSync operations (250,000 free for 12 months only)
    const q = quantities({ cognitoMau: 500n, appsyncOperations: 157_500n });
    // when priced with the free tier
    const lines = priceQuantities(q, true);
    const line = (id: string) => lines.find((l) => l.id === id)!;
    // then Cognito costs nothing and AppSync its full price
    expect(line('cognitoMau')).toMatchObject({ billed: 0n, micros: 0n });
    expect(line('appsyncOperations')).toMatchObject({ billed: 157_500n, micros: 630_000n });
    // and without it Cognito costs 500 × $0.015
    expect(priceQuantities(q, false).find((l) => l.id === 'cognitoMau')!.micros).toBe(7_500_000n);
  });
});

describe('usage derived from the code', () => {
  it('asks Verified Permissions once per BatchIsAuthorized chunk of an employee decision\'s probes', () => {
    expect(AVP_CALLS_PER_DECISION).toBe((PROBES_PER_EMPLOYEE_DECISION + AVP_BATCH_LIMIT - 1n) / AVP_BATCH_LIMIT);
  });

  it('samples X-Ray traces: the first request each second, then 5 %', () => {
    const reservoir = 730n * 3600n;
    expect(sampledTraces(1_000n)).toBe(1_000n);
    expect(sampledTraces(reservoir)).toBe(reservoir);
    expect(sampledTraces(reservoir + 100n)).toBe(reservoir + 5n);
  });
});

describe('totals', () => {
  for (const scale of DOCUMENTED_SCALES) {
    it(`are exactly the sum of their lines at ${scale.tenants} × ${scale.employeesPerTenant}`, () => {
      // given the model at a documented scale
      const model = computeModel(scale);
      for (const lines of [model.account, model.accountFree, ...COLUMNS.map((s) => model.stageLines[s])]) {
        // then each table's total is the sum of its lines, and the services partition the lines
        const total = lines.reduce((sum, l) => sum + l.micros, 0n);
        expect(sumMicros(lines)).toBe(total);
        expect([...byService(lines).values()].reduce((sum, m) => sum + m, 0n)).toBe(total);
        expect([...byService(lines).keys()]).toEqual(SERVICES);
      }
      // and the account's quantities are the stages' summed
      for (const id of LINE_IDS) {
        expect(model.accountQuantities[id]).toBe(COLUMNS.reduce((sum, s) => sum + model.stageQuantities[s][id], 0n));
      }
      // and the free tier never makes a line dearer
      model.accountFree.forEach((line, n) => expect(line.micros <= model.account[n]!.micros).toBe(true));
    });
  }
});

describe('docs/cost-model.md', () => {
  it('shows, for both scales, exactly the tables the script prints', async () => {
    // given the doc
    const doc = await readFile(fileURLToPath(new URL('../../docs/cost-model.md', import.meta.url)), 'utf8');
    for (const scale of DOCUMENTED_SCALES) {
      // when the block between the scale's markers is read
      const { begin, end } = reportMarkers(scale);
      const from = doc.indexOf(begin);
      const to = doc.indexOf(end);
      expect(from, begin).toBeGreaterThanOrEqual(0);
      expect(to, end).toBeGreaterThan(from);
      // then it is the script's report for that scale
      expect(doc.slice(from + begin.length, to).trim()).toBe(renderReport(computeModel(scale)).trim());
    }
  });
});

describe('the CLI', () => {
  it('prints the documented scales with no flags, and one scale with both', () => {
    expect(parseArgs([])).toEqual(DOCUMENTED_SCALES);
    expect(parseArgs(['--tenants', '3', '--employees=7'])).toEqual([{ tenants: 3n, employeesPerTenant: 7n }]);
    let out = '';
    expect(main(['--tenants', '2', '--employees', '5'], (t) => { out += t; })).toBe(0);
    expect(out).toContain('### 2 tenants × 5 employees (10 employees)');
  });

  it.each([
    [['--tenants', '0', '--employees', '5'], /--tenants must be a positive integer, not "0"/],
    [['--tenants', '1.5', '--employees', '5'], /positive integer/],
    [['--tenants', '-3', '--employees', '5'], /positive integer/],
    [['--tenants', '10'], /together/],
    [['--employees'], /needs a value/],
    [['--tenants', '1', '--tenants', '2', '--employees', '3'], /twice/],
    [['--people', '4'], /unknown argument/],
    [['--tenants', '10000001', '--employees', '1'], /at most 10,000,000/],
  ])('refuses %j with a clear error, the usage and exit 2', (argv, message) => {
    let err = '';
    let out = '';
    expect(main(argv, (t) => { out += t; }, (t) => { err += t; })).toBe(2);
    expect(err).toMatch(message);
    expect(err).toContain('usage: node --import tsx scripts/cost-model.ts');
    expect(out).toBe('');
  });
});
