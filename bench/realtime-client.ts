/**
 * A small AppSync real-time client for the benchmarks (bench code does not use test fixtures):
 * connects with the `graphql-ws` subprotocol plus the auth header as a `header-<base64url>`
 * subprotocol, does `connection_init` → `connection_ack`, `start` → `start_ack`, and hands every
 * `data` frame to a callback with its arrival time. Every wait has a timeout.
 */
import WebSocket from 'ws';

/** A real-time protocol message as received. */
export interface RealtimeFrame {
  type: string;
  id?: string;
  payload?: { data?: unknown; errors?: { errorType?: string; message?: string }[]; connectionTimeoutMs?: number };
}

/** Called for each `data` frame, with `performance.now()` taken as the frame arrived. */
export type DataHandler = (subscriptionId: string, frame: RealtimeFrame, receivedAt: number) => void;

interface Waiter {
  types: readonly string[];
  id: string | undefined;
  resolve: (frame: RealtimeFrame) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/** The `header-…` subprotocol carrying the auth header JSON (base64url, no padding). */
export function headerSubprotocol(header: Record<string, string>): string {
  return `header-${Buffer.from(JSON.stringify(header)).toString('base64url')}`;
}

export class BenchRealtimeClient {
  private readonly waiters: Waiter[] = [];
  private readonly closed: Promise<void>;
  /** Frames nobody waited for and that are not `data` or `ka` (errors, completes). */
  readonly unexpected: RealtimeFrame[] = [];

  private constructor(
    private readonly socket: WebSocket,
    private readonly onData: DataHandler,
  ) {
    socket.on('message', (raw) => {
      const receivedAt = performance.now();
      let frame: RealtimeFrame;
      try {
        frame = JSON.parse(String(raw)) as RealtimeFrame;
      } catch {
        this.unexpected.push({ type: 'unreadable' });
        return;
      }
      if (frame.type === 'data') {
        this.onData(frame.id ?? '', frame, receivedAt);
        return;
      }
      if (frame.type === 'ka') return;
      const waiter = this.waiters.find((w) => w.types.includes(frame.type) && (w.id === undefined || w.id === frame.id));
      if (waiter) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        clearTimeout(waiter.timer);
        waiter.resolve(frame);
      } else if (this.unexpected.length < 100) {
        this.unexpected.push(frame);
      }
    });
    // Errors also end in `close`; waiters fail there.
    socket.on('error', () => undefined);
    this.closed = new Promise((resolve) =>
      socket.once('close', () => {
        for (const waiter of this.waiters.splice(0)) {
          clearTimeout(waiter.timer);
          waiter.reject(new Error('the real-time connection closed'));
        }
        resolve();
      }),
    );
  }

  /**
   * Opens `realtimeUrl` (http(s) or ws(s); e.g. stack.json's `graphql.realtime`) with the auth
   * header and completes `connection_init` → `connection_ack`.
   */
  static async connect(realtimeUrl: string, header: Record<string, string>, onData: DataHandler, timeoutMs = 10_000): Promise<BenchRealtimeClient> {
    const url = realtimeUrl.replace(/^http/, 'ws');
    const socket = new WebSocket(url, ['graphql-ws', headerSubprotocol(header)], { perMessageDeflate: false });
    const client = new BenchRealtimeClient(socket, onData);
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no WebSocket open within ${timeoutMs} ms`)), timeoutMs);
        socket.once('open', () => (clearTimeout(timer), resolve()));
        socket.once('error', (error) => (clearTimeout(timer), reject(error)));
      });
      const ack = client.expect(['connection_ack', 'connection_error'], undefined, timeoutMs);
      client.send({ type: 'connection_init' });
      const frame = await ack;
      if (frame.type !== 'connection_ack') throw new Error(`connection refused: ${JSON.stringify(frame.payload)}`);
      return client;
    } catch (error) {
      await client.close();
      throw error;
    }
  }

  /** Starts a subscription and resolves once it is acknowledged (rejects on `error` or timeout). */
  async subscribe(id: string, query: string, authorization: Record<string, string>, timeoutMs = 10_000): Promise<void> {
    const answer = this.expect(['start_ack', 'error'], id, timeoutMs);
    this.send({ id, type: 'start', payload: { data: JSON.stringify({ query, variables: {} }), extensions: { authorization } } });
    const frame = await answer;
    if (frame.type !== 'start_ack') throw new Error(`subscription ${id} refused: ${JSON.stringify(frame.payload)}`);
  }

  /** Closes the socket (normal closure), terminating it if the close handshake takes too long. */
  async close(timeoutMs = 2_000): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return;
    if (this.socket.readyState === WebSocket.CONNECTING) this.socket.terminate();
    else this.socket.close(1000);
    const timer = setTimeout(() => this.socket.terminate(), timeoutMs);
    await this.closed;
    clearTimeout(timer);
  }

  private send(message: unknown): void {
    this.socket.send(JSON.stringify(message));
  }

  private expect(types: readonly string[], id: string | undefined, timeoutMs: number): Promise<RealtimeFrame> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        types,
        id,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          reject(new Error(`no ${types.join('/')}${id ? ` for ${id}` : ''} within ${timeoutMs} ms`));
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    });
  }
}
