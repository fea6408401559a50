/**
 * Serves an AppSync API on one 127.0.0.1 port in both plain HTTP and TLS (Amplify JS v6 always
 * connects with wss://): the first byte of a connection tells them apart (0x16 = TLS ClientHello).
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';
import selfsigned from 'selfsigned';
import { errorResponse, MAX_BODY_BYTES, type HttpRequest, type HttpResponse } from './api.ts';
import { INTERNAL_FAILURE } from './errors.ts';

export interface TlsMaterial {
  key: string;
  cert: string;
}

/** A self-signed certificate for localhost/127.0.0.1, kept in `folder` when given so clients can pin it. */
export async function localCertificate(folder?: string): Promise<TlsMaterial> {
  const keyFile = folder && path.join(folder, 'localhost-key.pem');
  const certFile = folder && path.join(folder, 'localhost-cert.pem');
  if (keyFile && certFile && existsSync(keyFile) && existsSync(certFile)) {
    return { key: await readFile(keyFile, 'utf8'), cert: await readFile(certFile, 'utf8') };
  }
  const notAfter = new Date();
  notAfter.setFullYear(notAfter.getFullYear() + 2);
  const pems = await selfsigned.generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notAfterDate: notAfter,
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] }],
  });
  const material = { key: pems.private, cert: pems.cert };
  if (keyFile && certFile && folder) {
    await mkdir(folder, { recursive: true });
    await writeFile(keyFile, material.key, { mode: 0o600 });
    await writeFile(certFile, material.cert);
  }
  return material;
}

export interface AppSyncServer {
  /** `http://127.0.0.1:<port>/graphql` */
  url: string;
  port: number;
  /** The HTTP and HTTPS servers, for protocols that upgrade connections (real-time). */
  http: http.Server;
  https: https.Server;
  stop(): Promise<void>;
}

export type RequestHandler = (request: HttpRequest) => Promise<HttpResponse>;

/** A WebSocket endpoint served on the same port (the API's `realtime`). */
export interface UpgradeEndpoint {
  /** Starts serving the upgrade requests of `server`. */
  attach(server: http.Server | https.Server): void;
  /** Closes its connections; the server's `stop()` awaits it. */
  close(): Promise<void>;
}

/**
 * Starts the dual-protocol listener on 127.0.0.1 (`port` 0 picks a free one). With `realtime`
 * (e.g. `api.realtime`), `GET /graphql/realtime` WebSocket upgrades are served over ws:// and wss://.
 */
export async function startAppSyncServer(
  handle: RequestHandler,
  options: { port: number; tls: TlsMaterial; realtime?: UpgradeEndpoint },
): Promise<AppSyncServer> {
  const listener: http.RequestListener = (req, res) => {
    // A client that goes away mid-request fails the body read: that connection ends, nothing else does.
    serve(handle, req, res).catch(() => res.destroy());
  };
  const plain = http.createServer({ keepAliveTimeout: 65_000 }, listener);
  const secure = https.createServer({ key: options.tls.key, cert: options.tls.cert, keepAliveTimeout: 65_000 }, listener);
  options.realtime?.attach(plain);
  options.realtime?.attach(secure);
  const sockets = new Set<net.Socket>();
  const tcp = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.once('readable', () => {
      const first = socket.read(1) as Buffer | null;
      if (!first) return socket.destroy();
      socket.unshift(first);
      (first[0] === 0x16 ? secure : plain).emit('connection', socket);
    });
  });
  await new Promise<void>((resolve, reject) => {
    tcp.once('error', reject);
    tcp.listen(options.port, '127.0.0.1', resolve);
  });
  const port = (tcp.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    port,
    http: plain,
    https: secure,
    async stop() {
      const closed = new Promise<void>((resolve) => tcp.close(() => resolve()));
      // WebSockets first, so clients get a close frame before their sockets go.
      await options.realtime?.close();
      for (const socket of sockets) socket.destroy();
      plain.closeAllConnections();
      secure.closeAllConnections();
      await closed;
    },
  };
}

async function serve(handle: RequestHandler, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    // Keep reading (so the client sees the answer) but stop buffering past the limit.
    if (size > MAX_BODY_BYTES) tooLarge = true;
    else chunks.push(chunk);
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  let response: HttpResponse;
  try {
    response = tooLarge
      ? errorResponse(413, 'PayloadTooLargeException', `The request body exceeds ${MAX_BODY_BYTES} bytes.`)
      : await handle({
          method: req.method ?? 'GET',
          path: req.url ?? '/',
          headers,
          body: Buffer.concat(chunks).toString('utf8'),
          sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        });
  } catch {
    // The API answers its own faults (and logs them with the request id); this is the last resort.
    response = errorResponse(500, INTERNAL_FAILURE.errorType, INTERNAL_FAILURE.message);
  }
  res.writeHead(response.status, response.headers).end(response.body);
}
