import { startStack } from './local/stack.ts';
import { createLogger } from './domain/logger.ts';
const stack = await startStack({ port: 0, memory: true, seed: false, dataDir: '/tmp/dbgstack', logger: createLogger({ service: 'dbg', level: 'debug' }) });
try {
  await stack.addUser({ email: 'a@acme.test', tenantId: 'acme', role: 'TenantAdmin' });
  const t = await stack.signIn('a@acme.test');
  console.log('TOKEN OK', t.slice(0, 20));
} catch (e) { console.log('ERR', e); }
await stack.stop();
