/**
 * The local AppSync endpoint over the network: one 127.0.0.1 port serving plain HTTP and TLS
 * (self-signed certificate pinned by the client), with the request contract of POST /graphql.
 */
import http from 'node:http';
import https from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localCertificate, startAppSyncServer, type AppSyncServer, type TlsMaterial } from '../../../local/appsync/server.ts';
import { bundledFixtures, fixtureApi, TOKENS } from '../../fixtures/appsync/harness.ts';

let fixtures: Awaited<ReturnType<typeof bundledFixtures>>;
let server: AppSyncServer;
let tls: TlsMaterial;

beforeAll(async () => {
  fixtures = await bundledFixtures();
  const { api } = await fixtureApi(fixtures.root);
  tls = await localCertificate();
  server = await startAppSyncServer(api.handle, { port: 0, tls });
});

afterAll(async () => {
  await server?.stop();
  await fixtures?.remove();
});

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

/** One request with a fresh connection; over TLS the server's certificate is the only trusted one. */
function send(protocol: 'http' | 'https', options: { method?: string; body?: string | Buffer; token?: string }): Promise<Answer> {
  const client = protocol === 'https' ? https : http;
  const url = new URL(server.url.replace('http:', `${protocol}:`));
  return new Promise((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: options.method ?? 'POST',
        headers: { 'content-type': 'application/json', authorization: options.token ?? TOKENS.allow },
        agent: false,
        ...(protocol === 'https' ? { ca: tls.cert } : {}),
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: JSON.parse(text) as unknown });
        });
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

describe('startAppSyncServer', () => {
  it('listens on 127.0.0.1 at the port it picked', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/graphql`);
    expect(server.port).toBeGreaterThan(0);
  });

  it.each(['http', 'https'] as const)('answers a query over %s on the same port', async (protocol) => {
    const answer = await send(protocol, { body: JSON.stringify({ query: '{ plain unit(value: "net") }' }) });

    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/json; charset=UTF-8');
    expect(answer.headers['x-amzn-requestid']).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.body).toEqual({ data: { plain: 'plain value', unit: 'response:net' } });
  });

  it('refuses a body over 1 MiB with 413 PayloadTooLargeException', async () => {
    const body = Buffer.alloc(1024 * 1024 + 1, 0x20);
    const answer = await send('https', { body });

    expect(answer.status).toBe(413);
    expect(answer.body).toEqual({ errors: [{ errorType: 'PayloadTooLargeException', message: 'The request body exceeds 1048576 bytes.' }] });
  });

  it('answers a GET with AppSync’s error shape', async () => {
    const answer = await send('http', { method: 'GET' });

    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ errors: [{ errorType: 'MalformedHttpRequestException', message: 'GraphQL requests must use POST.' }] });
  });

  it('answers a denied token with 401 over TLS', async () => {
    const answer = await send('https', { body: JSON.stringify({ query: '{ plain }' }), token: TOKENS.deny });

    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({ errors: [{ errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.' }] });
  });
});
