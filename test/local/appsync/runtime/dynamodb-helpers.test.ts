// The @aws-appsync/utils/dynamodb builders, on the examples of AppSync's built-in module reference
// and of the type declarations. Exact placeholder spellings are ours: AppSync does not document them.
import { describe, expect, it } from 'vitest';
import * as ddb from '../../../../local/appsync/runtime/dynamodb-helpers.ts';

const { operations } = ddb;

describe('single-item requests', () => {
  it('get: a key, with consistentRead and a projection', () => {
    expect(ddb.get({ key: { id: 'id' } })).toEqual({ operation: 'GetItem', key: { id: { S: 'id' } } });
    expect(ddb.get({ key: { id: 1 }, consistentRead: true, projection: ['id', 'name', 'nested.object[1]'] })).toEqual({
      operation: 'GetItem',
      key: { id: { N: 1 } },
      consistentRead: true,
      projection: {
        expression: '#id, #name, #nested.#object[1]',
        expressionNames: { '#id': 'id', '#name': 'name', '#nested': 'nested', '#object': 'object' },
      },
    });
  });

  it('put: key, attribute values and a condition', () => {
    expect(
      ddb.put({
        key: { id: 'task-1' },
        item: { title: 'New Task', owner: 'jane', isComplete: false, tags: ddb.toStringSet(['a']) },
        condition: { owner: { eq: 'jane' } },
        _version: 2,
      }),
    ).toEqual({
      operation: 'PutItem',
      key: { id: { S: 'task-1' } },
      attributeValues: {
        title: { S: 'New Task' },
        owner: { S: 'jane' },
        isComplete: { BOOL: false },
        tags: { SS: ['a'] },
      },
      condition: { expression: '(#owner = :owner_eq)', expressionNames: { '#owner': 'owner' }, expressionValues: { ':owner_eq': { S: 'jane' } } },
      _version: 2,
    });
  });

  it('remove: a condition without values keeps no empty map', () => {
    expect(ddb.remove({ key: { id: 'x' }, condition: { id: { attributeExists: true } }, customPartitionKey: 'pk', populateIndexFields: true })).toEqual({
      operation: 'DeleteItem',
      key: { id: { S: 'x' } },
      condition: { expression: '(attribute_exists(#id))', expressionNames: { '#id': 'id' } },
      customPartitionKey: 'pk',
      populateIndexFields: true,
    });
  });

  it('leaves out an empty or null condition and rejects one AppSync cannot render', () => {
    expect(ddb.remove({ key: { id: 'x' }, condition: {} })).toEqual({ operation: 'DeleteItem', key: { id: { S: 'x' } } });
    expect(ddb.put({ key: { id: 'x' }, item: {}, condition: null })).toEqual({ operation: 'PutItem', key: { id: { S: 'x' } }, attributeValues: {} });
    expect(() => ddb.remove({ key: { id: 'x' }, condition: { id: { bogus: 1 } } })).toThrow(/Invalid condition/);
    expect(() => ddb.get({ key: 'x' })).toThrow(/key must be an object/);
  });
});

describe('update', () => {
  const request = (update: Record<string, unknown>) => ddb.update({ key: { id: 1 }, update }).update;

  it('sets plain values, null included, and updates nested keys in place', () => {
    expect(request({ name: 'Jane', age: null, address: { city: 'Paris' } })).toEqual({
      expression: 'SET #name = :name, #age = :age, #address.#city = :address_city',
      expressionNames: { '#name': 'name', '#age': 'age', '#address': 'address', '#city': 'city' },
      expressionValues: { ':name': { S: 'Jane' }, ':age': { NULL: null }, ':address_city': { S: 'Paris' } },
    });
  });

  it('add and replace set a whole object; add of a number or a set uses ADD', () => {
    expect(request({ address: operations.add({ street1: '123 Main St', zip: '10001' }), profile: operations.replace({ a: 1 }) })).toEqual({
      expression: 'SET #address = :address, #profile = :profile',
      expressionNames: { '#address': 'address', '#profile': 'profile' },
      expressionValues: {
        ':address': { M: { street1: { S: '123 Main St' }, zip: { S: '10001' } } },
        ':profile': { M: { a: { N: 1 } } },
      },
    });
    expect(request({ tags: operations.add(ddb.toStringSet(['x'])), points: operations.add(5) })).toEqual({
      expression: 'ADD #tags :tags, #points :points',
      expressionNames: { '#tags': 'tags', '#points': 'points' },
      expressionValues: { ':tags': { SS: ['x'] }, ':points': { N: 5 } },
    });
  });

  it('remove deletes the attribute', () => {
    expect(request({ address: operations.remove() })).toEqual({ expression: 'REMOVE #address', expressionNames: { '#address': 'address' } });
  });

  it('increment and decrement ADD at the top level and do arithmetic on a nested path', () => {
    expect(request({ friendsCount: operations.increment(10), strikes: operations.decrement(), stats: { views: operations.increment() } })).toEqual({
      expression: 'SET #stats.#views = #stats.#views + :stats_views ADD #friendsCount :friendsCount, #strikes :strikes',
      expressionNames: { '#friendsCount': 'friendsCount', '#strikes': 'strikes', '#stats': 'stats', '#views': 'views' },
      expressionValues: { ':friendsCount': { N: 10 }, ':strikes': { N: -1 }, ':stats_views': { N: 1 } },
    });
  });

  it('append and prepend use list_append', () => {
    expect(request({ friendsIds: operations.append([101, 104]), history: operations.prepend(['new']) })).toEqual({
      expression: 'SET #friendsIds = list_append(#friendsIds, :friendsIds), #history = list_append(:history, #history)',
      expressionNames: { '#friendsIds': 'friendsIds', '#history': 'history' },
      expressionValues: { ':friendsIds': { L: [{ N: 101 }, { N: 104 }] }, ':history': { L: [{ S: 'new' }] } },
    });
  });

  it('a list of updateListItem sets single elements; a plain list is set whole', () => {
    expect(request({ friendsIds: [operations.updateListItem('102', 1), operations.updateListItem('112', 2)], tags: ['a'] })).toEqual({
      expression: 'SET #friendsIds[1] = :friendsIds_1, #friendsIds[2] = :friendsIds_2, #tags = :tags',
      expressionNames: { '#friendsIds': 'friendsIds', '#tags': 'tags' },
      expressionValues: { ':friendsIds_1': { S: '102' }, ':friendsIds_2': { S: '112' }, ':tags': { L: [{ S: 'a' }] } },
    });
  });

  it('names that cannot be placeholders are sanitised without collisions', () => {
    expect(request({ 'first-name': 'a', first_name: 'b' })).toEqual({
      expression: 'SET #first_name = :first_name, #first_name_1 = :first_name_1',
      expressionNames: { '#first_name': 'first-name', '#first_name_1': 'first_name' },
      expressionValues: { ':first_name': { S: 'a' }, ':first_name_1': { S: 'b' } },
    });
  });

  it('keeps the condition and versioning fields, and refuses an empty update', () => {
    expect(ddb.update({ key: { id: 'u1' }, update: { isVerified: true }, condition: { name: { eq: 'X' } }, _version: 3 })).toEqual({
      operation: 'UpdateItem',
      key: { id: { S: 'u1' } },
      update: { expression: 'SET #isVerified = :isVerified', expressionNames: { '#isVerified': 'isVerified' }, expressionValues: { ':isVerified': { BOOL: true } } },
      condition: { expression: '(#name = :name_eq)', expressionNames: { '#name': 'name' }, expressionValues: { ':name_eq': { S: 'X' } } },
      _version: 3,
    });
    expect(() => ddb.update({ key: { id: 1 }, update: {} })).toThrow(/at least one attribute/);
  });
});

describe('reads of many items', () => {
  it('query: a key condition without parentheses, a filter and the read options', () => {
    expect(
      ddb.query({
        query: { TenantId: { eq: 'acme' }, EntityItem: { beginsWith: 'EMPLOYEE#' } },
        filter: { status: { ne: 'TERMINATED' } },
        index: 'byName',
        limit: 20,
        nextToken: 'abc',
        scanIndexForward: false,
        select: 'ALL_ATTRIBUTES',
        consistentRead: null,
      }),
    ).toEqual({
      operation: 'Query',
      query: {
        expression: '#TenantId = :TenantId_eq AND begins_with(#EntityItem, :EntityItem_beginsWith)',
        expressionNames: { '#TenantId': 'TenantId', '#EntityItem': 'EntityItem' },
        expressionValues: { ':TenantId_eq': { S: 'acme' }, ':EntityItem_beginsWith': { S: 'EMPLOYEE#' } },
      },
      filter: { expression: '(#status <> :status_ne)', expressionNames: { '#status': 'status' }, expressionValues: { ':status_ne': { S: 'TERMINATED' } } },
      index: 'byName',
      limit: 20,
      nextToken: 'abc',
      scanIndexForward: false,
      select: 'ALL_ATTRIBUTES',
    });
  });

  it('query: comparisons and between on the sort key, unsupported operators refused', () => {
    expect(ddb.query({ query: { id: { eq: 1 }, at: { between: [1, 5] } } }).query).toEqual({
      expression: '#id = :id_eq AND #at BETWEEN :at_between_0 AND :at_between_1',
      expressionNames: { '#id': 'id', '#at': 'at' },
      expressionValues: { ':id_eq': { N: 1 }, ':at_between_0': { N: 1 }, ':at_between_1': { N: 5 } },
    });
    expect(ddb.query({ query: { id: { eq: 1 }, at: { le: 9 } } }).query).toMatchObject({ expression: '#id = :id_eq AND #at <= :at_le' });
    expect(() => ddb.query({ query: { id: { ne: 1 } } })).toThrow(/Unsupported key condition id.ne/);
    expect(() => ddb.query({ query: {} })).toThrow(/key condition/);
  });

  it('scan: parallel segments, filter and projection', () => {
    expect(ddb.scan({ limit: 10, totalSegments: 4, segment: 1, filter: { a: { gt: 1 } }, projection: ['a'] })).toEqual({
      operation: 'Scan',
      limit: 10,
      totalSegments: 4,
      segment: 1,
      filter: { expression: '(#a > :a_gt)', expressionNames: { '#a': 'a' }, expressionValues: { ':a_gt': { N: 1 } } },
      projection: { expression: '#a', expressionNames: { '#a': 'a' } },
    });
    expect(ddb.scan({})).toEqual({ operation: 'Scan' });
  });

  it('sync: the documented fields', () => {
    expect(ddb.sync({ limit: 10, nextToken: 't', lastSync: 1700000000000, basePartitionKey: 'pk', deltaIndexName: 'gsi' })).toEqual({
      operation: 'Sync',
      limit: 10,
      nextToken: 't',
      lastSync: 1700000000000,
      basePartitionKey: 'pk',
      deltaIndexName: 'gsi',
    });
  });
});

describe('batches and transactions', () => {
  it('batchGet, as in the reference', () => {
    expect(ddb.batchGet({ tables: { post: { keys: [{ id: '1' }, { id: '2' }], consistentRead: false, projection: ['id', 'name'] } } })).toEqual({
      operation: 'BatchGetItem',
      tables: {
        post: {
          keys: [{ id: { S: '1' } }, { id: { S: '2' } }],
          consistentRead: false,
          projection: { expression: '#id, #name', expressionNames: { '#id': 'id', '#name': 'name' } },
        },
      },
    });
  });

  it('batchPut and batchDelete, as in the reference', () => {
    expect(ddb.batchPut({ tables: { post: [{ id: 'one', value: 'x' }], comment: [{ id: 'one', text: 'y' }] } })).toEqual({
      operation: 'BatchPutItem',
      tables: {
        post: [{ id: { S: 'one' }, value: { S: 'x' } }],
        comment: [{ id: { S: 'one' }, text: { S: 'y' } }],
      },
    });
    expect(ddb.batchDelete({ tables: { post: [{ id: 'one' }, { id: 'two' }] } })).toEqual({
      operation: 'BatchDeleteItem',
      tables: { post: [{ id: { S: 'one' } }, { id: { S: 'two' } }] },
    });
  });

  it('transactGet, as in the reference', () => {
    expect(ddb.transactGet({ items: [{ table: 'post', key: { id: '1' }, projection: ['name'] }, { table: 'post', key: { id: '2' } }] })).toEqual({
      operation: 'TransactGetItems',
      transactItems: [
        { table: 'post', key: { id: { S: '1' } }, projection: { expression: '#name', expressionNames: { '#name': 'name' } } },
        { table: 'post', key: { id: { S: '2' } } },
      ],
    });
  });

  it('transactWrite turns each kind of item into its operation', () => {
    expect(
      ddb.transactWrite({
        items: [
          { putItem: { table: 'post', key: { id: '1' }, item: { title: 't' }, condition: { id: { attributeExists: false } } } },
          { deleteItem: { table: 'post', key: { id: '2' } } },
          { updateItem: { table: 'post', key: { id: '3' }, update: { views: operations.increment() } } },
          { conditionCheck: { table: 'post', key: { id: '4' }, condition: { id: { attributeExists: true } } } },
        ],
      }),
    ).toEqual({
      operation: 'TransactWriteItems',
      transactItems: [
        {
          table: 'post',
          operation: 'PutItem',
          key: { id: { S: '1' } },
          attributeValues: { title: { S: 't' } },
          condition: { expression: '(attribute_not_exists(#id))', expressionNames: { '#id': 'id' } },
        },
        { table: 'post', operation: 'DeleteItem', key: { id: { S: '2' } } },
        {
          table: 'post',
          operation: 'UpdateItem',
          key: { id: { S: '3' } },
          update: { expression: 'ADD #views :views', expressionNames: { '#views': 'views' }, expressionValues: { ':views': { N: 1 } } },
        },
        {
          table: 'post',
          operation: 'ConditionCheck',
          key: { id: { S: '4' } },
          condition: { expression: '(attribute_exists(#id))', expressionNames: { '#id': 'id' } },
        },
      ],
    });
    expect(() => ddb.transactWrite({ items: [{ upsert: { table: 't', key: { id: 1 } } }] })).toThrow(/Unknown transactWrite item/);
  });
});

describe('the module set helpers', () => {
  it('build typed sets, number sets as strings as the module documents', () => {
    expect(ddb.toStringSet(['a', 'b'])).toEqual({ SS: ['a', 'b'] });
    expect(ddb.toNumberSet([1, 2, 3])).toEqual({ NS: ['1', '2', '3'] });
    expect(ddb.toBinarySet(['SGVsbG8=', 'V29ybGQ='])).toEqual({ BS: ['SGVsbG8=', 'V29ybGQ='] });
  });
});
