import type { RequestHook } from '../../../local/dynamodb/index.ts';

/** A request hook for the tests: refuses every request that names the table "forbidden". */
const rejectForbidden: RequestHook = async ({ body }) => {
  if (!body.toString('utf8').includes('"forbidden"')) return;
  return { status: 400, body: { __type: 'com.amazon.coral.service#AccessDeniedException', message: 'denied by test hook' } };
};

export default rejectForbidden;
