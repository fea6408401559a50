import { buildASTSchema, graphql, isScalarType, parse, type ExecutionResult } from 'graphql';
import { describe, expect, it } from 'vitest';
import { APPSYNC_PRELUDE_SDL, AWS_SCALARS, buildAppSyncSchema } from '../../../local/appsync/prelude.ts';

// Examples marked "docs" come from AppSync's developer guide or the scalar descriptions
// AppSync returns from introspection; "AppSync error" from responses AppSync returned.

const SCALAR_NAMES = Object.keys(AWS_SCALARS);

/**
 * For every scalar S: `parsedS(v: S): String` answers the value resolvers receive (as JSON),
 * `emitS: S` returns whatever the test put in `emitted`.
 */
const schema = buildAppSyncSchema(`
  type Query {
    ${SCALAR_NAMES.map((name) => `parsed${name}(v: ${name}): String\n    emit${name}: ${name}`).join('\n    ')}
  }
`);
let emitted: unknown;
const rootValue = Object.fromEntries(
  SCALAR_NAMES.flatMap((name) => [
    [`parsed${name}`, ({ v }: { v: unknown }) => JSON.stringify(v)],
    [`emit${name}`, () => emitted],
  ]),
);

async function run(source: string, variableValues?: Record<string, unknown>): Promise<ExecutionResult> {
  return graphql({ schema, source, rootValue, variableValues });
}

/** Passes `literal` (GraphQL syntax) as the argument; answers what the resolver got. */
async function viaLiteral(scalar: string, literal: string): Promise<ExecutionResult> {
  return run(`{ parsed: parsed${scalar}(v: ${literal}) }`);
}

/** Passes `value` as a variable; answers what the resolver got. */
async function viaVariable(scalar: string, value: unknown): Promise<ExecutionResult> {
  return run(`query ($v: ${scalar}) { parsed: parsed${scalar}(v: $v) }`, { v: value });
}

/** Has a resolver return `value` for a field of the scalar's type. */
async function emit(scalar: string, value: unknown): Promise<ExecutionResult> {
  emitted = value;
  return run(`{ out: emit${scalar} }`);
}

function errorMessages(result: ExecutionResult): string[] {
  return (result.errors ?? []).map((error) => error.message);
}

/** Every string value in `valid` is accepted both ways and reaches resolvers unchanged; every one in `invalid` is rejected. */
function stringScalarCases(scalar: string, valid: string[], invalid: string[]): void {
  it.each(valid)('accepts %j as a literal and as a variable', async (value) => {
    const expected = { data: { parsed: JSON.stringify(value) } };
    expect(await viaLiteral(scalar, JSON.stringify(value))).toEqual(expected);
    expect(await viaVariable(scalar, value)).toEqual(expected);
  });

  it.each(invalid)('rejects %j as a literal and as a variable', async (value) => {
    const literal = await viaLiteral(scalar, JSON.stringify(value));
    expect(literal.data).toBeUndefined();
    expect(errorMessages(literal)).toEqual([expect.stringContaining(`Unable to parse \`${value}\` as a valid`)]);
    expect(errorMessages(literal)[0]).toContain(`${scalar} expects`);

    const variable = await viaVariable(scalar, value);
    expect(variable.data).toBeUndefined();
    expect(errorMessages(variable)).toEqual([
      expect.stringMatching(new RegExp(`^Variable "\\$v" got invalid value .*; Unable to parse .* ${scalar} expects`)),
    ]);
  });

  it('serializes valid resolver values unchanged', async () => {
    for (const value of valid) expect(await emit(scalar, value)).toEqual({ data: { out: value } });
  });

  it('fails the field for invalid resolver values', async () => {
    for (const value of [...invalid, 42, true, { a: 1 }]) {
      const result = await emit(scalar, value);
      expect(result.data).toEqual({ out: null });
      expect(errorMessages(result)).toEqual([expect.stringContaining('Unable to serialize `')]);
      expect(errorMessages(result)[0]).toContain(`${scalar} expects`);
      expect(result.errors?.[0]?.path).toEqual(['out']);
    }
  });

  it('rejects literals that are not strings', async () => {
    const result = await viaLiteral(scalar, '42');
    expect(errorMessages(result)).toEqual([expect.stringContaining('Unable to parse `42`')]);
  });
}

describe('AWSDate', () => {
  stringScalarCases(
    'AWSDate',
    [
      '1970-01-01', // docs
      '1970-01-01Z', // docs
      '1970-01-01-07:00', // docs
      '1970-01-01+05:30', // docs
      '1970-01-01+05:30:15', // docs: seconds in the offset are allowed
      '-2017-05-01', // docs: negative years
      '-9999-01-01', // docs
      '2020-02-29',
      '+10000-01-01',
    ],
    [
      '1970-1-1',
      '19700101',
      '1970-01-01T00:00Z',
      '2021-02-29',
      '2020-13-01',
      '2020-00-10',
      '2020-04-31',
      '1970-01-01+5:30',
      '1970-01-01+0530',
      '1970-01-01+19:00',
      '1970-01-01 ',
      '',
    ],
  );
});

describe('AWSTime', () => {
  stringScalarCases(
    'AWSTime',
    [
      '12:30', // docs
      '12:30Z', // docs
      '12:30:24-07:00', // docs
      '12:30:24.500+05:30', // docs
      '12:00:00.2', // docs: 1 to 9 fraction digits
      '12:00:00.277', // docs
      '12:00:00.123456789', // docs
      '12:00:34.', // the developer guide's putObject example
      '00:00:00',
      '23:59:59+18:00',
    ],
    ['24:00', '12:60', '12:30:60', '1:30', '12:30.5', '12:00:00.1234567890', '12:30+0530', '12:30:24 Z', '12:30-18:01', 'noon'],
  );
});

describe('AWSDateTime', () => {
  stringScalarCases(
    'AWSDateTime',
    [
      '1970-01-01T12:00:00.2Z', // docs
      '1970-01-01T12:00:00.277Z', // docs
      '1970-01-01T12:00:00.123456789Z', // docs
      '1930-01-01T16:00:00-07:00', // docs
      '-2017-01-01T00:00Z', // docs: negative years, seconds optional
      '2020-01-01T00:00+00:00',
      '2024-02-29T23:59:59.999+05:30:15',
    ],
    [
      '2026-05-06T00:00:00.000', // AppSync error: the offset is compulsory
      '2020-05-23T06:4:37.000Z', // AppSync error
      '2019', // AppSync error
      '1970-01-01',
      '2020-01-01 00:00Z',
      '2020-02-30T00:00Z',
      '2020-01-01T24:00Z',
      '2020-01-01T00:00:00.Z0',
      'None',
    ],
  );

  it('words errors like AppSync', async () => {
    expect(errorMessages(await viaVariable('AWSDateTime', '2019'))[0]).toContain(
      'Unable to parse `2019` as a valid DateTime Object.',
    );
    expect(errorMessages(await emit('AWSDateTime', '2020-05-23T06:4:37.000Z'))[0]).toMatch(
      /^Unable to serialize `2020-05-23T06:4:37.000Z` as a valid DateTime Object\. AWSDateTime expects .*offset is required/,
    );
  });
});

describe('AWSTimestamp', () => {
  it.each(['-123123' /* docs */, '0', '1700000000', String(Number.MAX_SAFE_INTEGER)])(
    'accepts the integer literal %s',
    async (literal) => {
      expect(await viaLiteral('AWSTimestamp', literal)).toEqual({ data: { parsed: literal } });
    },
  );

  it.each(['"1700000000"', '1.5', '1.6841268E12', '9007199254740992', 'true'])('rejects the literal %s', async (literal) => {
    const result = await viaLiteral('AWSTimestamp', literal);
    expect(errorMessages(result)).toEqual([expect.stringContaining('as a valid timestamp. AWSTimestamp expects an integer')]);
  });

  it('accepts integer variables and hands resolvers a number', async () => {
    expect(await viaVariable('AWSTimestamp', 1700000000)).toEqual({ data: { parsed: '1700000000' } });
    expect(await viaVariable('AWSTimestamp', -1)).toEqual({ data: { parsed: '-1' } });
  });

  it.each([['1700000000'], [1.5], [Number.MAX_SAFE_INTEGER + 1], [true], [{}]])('rejects the variable %j', async (value) => {
    const result = await viaVariable('AWSTimestamp', value);
    expect(errorMessages(result)).toEqual([expect.stringContaining('as a valid timestamp. AWSTimestamp expects')]);
  });

  it('serializes integers and fails the field for anything else', async () => {
    expect(await emit('AWSTimestamp', 1700000000)).toEqual({ data: { out: 1700000000 } });
    // AppSync error: "Unable to serialize `2019-12-19 16:59:09.966` as a valid timestamp. …"
    for (const value of ['2019-12-19 16:59:09.966', '2026-01-22T17:48:30.032Z', '1700000000', 1.5, Number.NaN]) {
      const result = await emit('AWSTimestamp', value);
      expect(result.data).toEqual({ out: null });
      expect(errorMessages(result)[0]).toMatch(/^Unable to serialize `.*` as a valid timestamp\. AWSTimestamp expects/);
    }
  });
});

describe('AWSEmail', () => {
  stringScalarCases(
    'AWSEmail',
    ['example@example.com' /* docs */, 'username@example.com' /* docs */, 'a@b', 'a@b.c', "first.o'neil+hr@mail.example.co.uk"],
    ['example.com', 'a@', '@b.com', 'a b@c.com', 'a@b..c', 'a@-b.com', 'a@b.com.', 'a@@b.com', 'Name <a@b.com>'],
  );
});

describe('AWSURL', () => {
  stringScalarCases(
    'AWSURL',
    [
      'https://amazon.com', // docs
      'https://www.amazon.com/dp/B000NZW3KC/', // docs
      'mailto:example@example.com', // docs
      'http://localhost/', // docs: local URLs
      'http://localhost:3000/hr/employees?next=http://example.com/#top',
      'ftp://ftp.example.com/pub/file.txt',
      'urn:isbn:0451450523',
    ],
    [
      'amazon.com', // docs: no scheme
      'www.amazon.com', // docs
      'https://www.amazon.com//dp/B000NZW3KC/', // docs: double slash in the path
      'http://',
      'http:///path',
      'http://exa mple.com/',
      'http://example.com:99999/',
      '/relative/path',
      'https:',
    ],
  );
});

describe('AWSPhone', () => {
  stringScalarCases(
    'AWSPhone',
    [
      '+1 555 764 4377', // docs
      '+1-555-764-4377',
      '(206) 555-0100',
      '206-555-0100',
      '2065550100',
      '1 206 555 0100',
      '+44 20 7946 0958',
      '+49 30 1234567',
    ],
    [
      '1110004444', // AppSync error: "Unable to parse `1110004444` as a valid phone number."
      '+1 111 555 0100',
      '555-0100',
      '020 7946 0958',
      '206--555-0100',
      '206 555 0100 ext. 12',
      '+',
      '+44 0',
      'phone',
    ],
  );

  it('words errors like AppSync', async () => {
    expect(errorMessages(await viaVariable('AWSPhone', '1110004444'))[0]).toContain(
      'Unable to parse `1110004444` as a valid phone number. AWSPhone expects',
    );
  });
});

describe('AWSIPAddress', () => {
  stringScalarCases(
    'AWSIPAddress',
    [
      '123.12.34.56', // docs
      '127.0.0.1/8', // docs
      '1a2b:3c4b::1234:4567', // docs
      '::1',
      '::ffff:192.0.2.1',
      '2001:db8::/32',
      '10.0.0.0/32',
      '2001:db8::1/128',
    ],
    ['256.1.1.1', '1.2.3', '01.2.3.4', '[::1]', '127.0.0.1/33', '2001:db8::/129', 'fe80::1%eth0', '1.2.3.4/', '1.2.3.4/8/9', 'localhost'],
  );
});

describe('AWSJSON', () => {
  it.each([
    ['{"a":1, "b":3, "string": 234}', { a: 1, b: 3, string: 234 }], // docs
    ['{"upvotes": 10}', { upvotes: 10 }], // docs
    ['[1,2,3]', [1, 2, 3]], // docs
    ['"AWSJSON example string"', 'AWSJSON example string'], // docs
    ['1', 1], // docs
    ['true', true], // docs
    ['null', null],
  ])('parses %s for the resolver, as a literal and as a variable', async (json, parsed) => {
    const expected = { data: { parsed: JSON.stringify(parsed) } };
    expect(await viaLiteral('AWSJSON', JSON.stringify(json))).toEqual(expected);
    expect(await viaVariable('AWSJSON', json)).toEqual(expected);
  });

  it.each(['{a: 1}', "{'a': 1}", 'Unquoted string', '' /* docs, except the last */])(
    'rejects the invalid JSON string %j',
    async (text) => {
      expect(errorMessages(await viaLiteral('AWSJSON', JSON.stringify(text)))).toEqual([
        expect.stringContaining(`Unable to parse \`${text}\` as valid JSON. AWSJSON expects a string holding valid JSON`),
      ]);
      expect(errorMessages(await viaVariable('AWSJSON', text))).toEqual([
        expect.stringContaining(`Unable to parse \`${text}\` as valid JSON.`),
      ]);
    },
  );

  it('rejects object and list literals: AWSJSON takes a string', async () => {
    // AppSync: "argument 'data' with value 'ObjectValue{…}' is not a valid 'AWSJSON'"
    for (const literal of ['{ upvotes: 10 }', '[1, 2, 3]', '10']) {
      expect(errorMessages(await viaLiteral('AWSJSON', literal))).toEqual([expect.stringContaining('as valid JSON.')]);
    }
  });

  it('rejects variables holding objects, lists or numbers instead of a JSON string', async () => {
    // AppSync error: "Variable 'goals' has an invalid value. Unable to parse [] as valid JSON."
    for (const value of [[], { key1: 'hi', key2: 3 }, 10]) {
      expect(errorMessages(await viaVariable('AWSJSON', value))).toEqual([
        expect.stringContaining(`Unable to parse \`${JSON.stringify(value)}\` as valid JSON.`),
      ]);
    }
  });

  it('serializes resolver values as JSON strings and passes strings through', async () => {
    expect(await emit('AWSJSON', { a: 1, b: [true, null] })).toEqual({ data: { out: '{"a":1,"b":[true,null]}' } });
    expect(await emit('AWSJSON', [1, 2, 3])).toEqual({ data: { out: '[1,2,3]' } });
    expect(await emit('AWSJSON', 1)).toEqual({ data: { out: '1' } });
    expect(await emit('AWSJSON', false)).toEqual({ data: { out: 'false' } });
    expect(await emit('AWSJSON', '{"already":"json"}')).toEqual({ data: { out: '{"already":"json"}' } });
    expect(await emit('AWSJSON', null)).toEqual({ data: { out: null } });
  });

  it('fails the field for values that have no JSON form', async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    for (const value of [cyclic, 10n, () => 1]) {
      const result = await emit('AWSJSON', value);
      expect(result.data).toEqual({ out: null });
      expect(errorMessages(result)).toEqual([expect.stringContaining('as valid JSON. AWSJSON expects')]);
    }
  });
});

describe('APPSYNC_PRELUDE_SDL', () => {
  const prelude = buildASTSchema(parse(APPSYNC_PRELUDE_SDL));

  it('declares every AWS scalar', () => {
    for (const name of SCALAR_NAMES) expect(prelude.getType(name)?.name).toBe(name);
  });

  it.each([
    ['aws_api_key', ['OBJECT', 'FIELD_DEFINITION'], []],
    ['aws_iam', ['OBJECT', 'FIELD_DEFINITION'], []],
    ['aws_oidc', ['OBJECT', 'FIELD_DEFINITION'], []],
    ['aws_lambda', ['OBJECT', 'FIELD_DEFINITION'], []],
    ['aws_cognito_user_pools', ['OBJECT', 'FIELD_DEFINITION'], ['cognito_groups: [String]']],
    // AppSync's introspection declares @aws_auth on FIELD_DEFINITION only.
    ['aws_auth', ['FIELD_DEFINITION'], ['cognito_groups: [String]']],
    ['aws_subscribe', ['FIELD_DEFINITION'], ['mutations: [String]']],
    ['aws_publish', ['FIELD_DEFINITION'], ['subscriptions: [String]']],
  ])('declares @%s on %j', (name, locations, args) => {
    const directive = prelude.getDirective(name);
    expect(directive?.locations).toEqual(expect.arrayContaining(locations));
    expect(directive?.args.map((arg) => `${arg.name}: ${String(arg.type)}`)).toEqual(args);
  });
});

describe('buildAppSyncSchema', () => {
  const APPSYNC_SCHEMA = `
    type Employee @aws_lambda @aws_iam @aws_api_key @aws_oidc @aws_cognito_user_pools {
      id: ID!
      email: AWSEmail!
      phone: AWSPhone
      hireDate: AWSDate!
      shiftStart: AWSTime
      createdAt: AWSDateTime!
      lastLogin: AWSTimestamp
      homepage: AWSURL
      lastIp: AWSIPAddress
      settings: AWSJSON
      legacyCode: String @deprecated(reason: "Use id.")
    }

    type Query {
      employee(id: ID!): Employee @aws_cognito_user_pools(cognito_groups: ["Admins", "HR"])
      payroll: String @aws_auth(cognito_groups: ["Payroll"])
    }

    type Mutation {
      hire(email: AWSEmail!, hireDate: AWSDate!): Employee @aws_iam
      notify(message: String!): String @aws_publish(subscriptions: ["onNotify"])
    }

    type Subscription {
      onHire: Employee @aws_subscribe(mutations: ["hire"])
      onNotify: String @aws_subscribe(mutations: ["notify"])
    }
  `;

  it('builds a schema using every AWS scalar and directive without declaring them', () => {
    const built = buildAppSyncSchema(APPSYNC_SCHEMA);
    for (const name of SCALAR_NAMES) {
      // graphql-js copies the types when extending the prelude; the implementations carry over.
      const scalar = built.getType(name);
      expect(isScalarType(scalar) && scalar.parseValue).toBe(AWS_SCALARS[name]?.parseValue);
    }
    const fields = built.getQueryType()?.getFields();
    expect(fields?.['employee']?.astNode?.directives?.[0]?.name.value).toBe('aws_cognito_user_pools');
    expect(built.getType('Employee')?.astNode?.directives?.map((d) => d.name.value)).toEqual([
      'aws_lambda',
      'aws_iam',
      'aws_api_key',
      'aws_oidc',
      'aws_cognito_user_pools',
    ]);
  });

  it('takes the root types from the default names when there is no schema definition', () => {
    const built = buildAppSyncSchema(APPSYNC_SCHEMA);
    expect(built.getQueryType()?.name).toBe('Query');
    expect(built.getMutationType()?.name).toBe('Mutation');
    expect(built.getSubscriptionType()?.name).toBe('Subscription');
  });

  it('takes the root types from a schema definition', () => {
    const built = buildAppSyncSchema(`
      schema { query: RootQuery mutation: RootMutation }
      type RootQuery { today: AWSDate }
      type RootMutation { touch: AWSTimestamp }
      type Subscription { ignored: String }
    `);
    expect(built.getQueryType()?.name).toBe('RootQuery');
    expect(built.getMutationType()?.name).toBe('RootMutation');
    expect(built.getSubscriptionType()).toBeUndefined();
  });

  it('executes with the scalar implementations', async () => {
    const built = buildAppSyncSchema(APPSYNC_SCHEMA);
    const result = await graphql({
      schema: built,
      source: 'mutation ($d: AWSDate!) { hire(email: "ada@example.com", hireDate: $d) { hireDate settings lastLogin } }',
      variableValues: { d: '2024-03-01' },
      rootValue: {
        hire: (args: { email: string; hireDate: string }) => ({ ...args, settings: { theme: 'dark' }, lastLogin: 1700000000 }),
      },
    });
    expect(result).toEqual({
      data: { hire: { hireDate: '2024-03-01', settings: '{"theme":"dark"}', lastLogin: 1700000000 } },
    });
  });

  it('rejects directives used where AppSync does not allow them', () => {
    expect(() => buildAppSyncSchema('type Query @aws_subscribe(mutations: []) { a: String }')).toThrow(
      'Directive "@aws_subscribe" may not be used on OBJECT.',
    );
    expect(() => buildAppSyncSchema('type Query @aws_auth(cognito_groups: []) { a: String }')).toThrow(
      'Directive "@aws_auth" may not be used on OBJECT.',
    );
    expect(() => buildAppSyncSchema('type Query { a: String @aws_unknown }')).toThrow('Unknown directive "@aws_unknown".');
  });

  it('rejects custom scalars and types named with the AWS prefix', () => {
    expect(() => buildAppSyncSchema('scalar Money\ntype Query { a: Money }')).toThrow(
      'Custom scalar "Money" is not supported by AppSync',
    );
    expect(() => buildAppSyncSchema('scalar AWSDate\ntype Query { a: AWSDate }')).toThrow(
      'Scalar "AWSDate" is defined by AppSync; remove its declaration from the schema.',
    );
    expect(() => buildAppSyncSchema('type AWSEmployee { id: ID }\ntype Query { a: AWSEmployee }')).toThrow(
      'Type "AWSEmployee" is not allowed: the "AWS" prefix is reserved',
    );
  });

  it('reports problems at their place in the schema file, not in the prelude', () => {
    expect(() => buildAppSyncSchema('\n\ntype Query { a: Unknown }')).toThrow(/Unknown type "Unknown"/);
    try {
      buildAppSyncSchema('scalar Money\ntype Query { a: Money }');
    } catch (error) {
      expect(String(error)).toContain('GraphQL request:1:1');
    }
  });

  it('rejects a schema without a query type', () => {
    expect(() => buildAppSyncSchema('type Mutation { a: String }')).toThrow('Query root type must be provided.');
  });
});
