/**
 * A local Amazon Verified Permissions endpoint on 127.0.0.1 for the unmodified
 * `@aws-sdk/client-verifiedpermissions` client (point it here with the `endpoint` option or
 * `AWS_ENDPOINT_URL_VERIFIEDPERMISSIONS`). Policies are evaluated by cedar-wasm, the same Cedar
 * engine the service runs; state lives in memory, optionally saved to a JSON file.
 *
 * Modules: server.ts (HTTP and protocol), operations.ts (request and response shapes),
 * store.ts (state and write rules), policies.ts (Cedar parsing and validation),
 * evaluate.ts (authorization requests).
 */
import type { AddressInfo } from 'node:net';
import { createVerifiedPermissionsServer } from './server.ts';
import { PolicyStores } from './store.ts';

/** A running local Verified Permissions endpoint. */
export interface LocalVerifiedPermissions {
  /** `http://127.0.0.1:<port>`, for the SDK's `endpoint`. */
  endpoint: string;
  /** Stops listening, closes open connections and waits for pending saves. */
  stop(): Promise<void>;
}

/** Options of {@link startLocalVerifiedPermissions}. */
export interface LocalVerifiedPermissionsOptions {
  /** Port on 127.0.0.1; 0 or omitted = any free port. */
  port?: number;
  /** JSON file keeping the policy stores across restarts; omitted = in memory only. */
  file?: string;
  /** Account id in the ARNs (default `000000000000`). */
  accountId?: string;
}

/** Starts the endpoint (loading `file` when it exists) and resolves once it listens. */
export async function startLocalVerifiedPermissions(options: LocalVerifiedPermissionsOptions = {}): Promise<LocalVerifiedPermissions> {
  const stores = await PolicyStores.open(options.accountId ?? '000000000000', options.file);
  const server = createVerifiedPermissionsServer(stores);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: async () => {
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive connections of SDK clients would otherwise hold the server open.
        server.closeAllConnections();
      });
      await stores.flush();
    },
  };
}
