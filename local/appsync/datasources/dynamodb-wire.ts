/**
 * A lean DynamoDB client for the local AppSync runtime's data source. AppSync itself talks to
 * DynamoDB in the service's own JSON protocol, and its resolver requests already carry typed
 * attribute values, so the runtime sends them as they are: SigV4-signed JSON over a keep-alive
 * connection, without the SDK's (de)serialisation layers, which cost more than the call itself.
 */
import { SignatureV4 } from '@smithy/signature-v4';
import http from 'node:http';
import { NodeSha256 } from '../../../domain/sha256.ts';

export interface WireCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** A DynamoDB error as the service reports it: `name` is the exception, e.g. ConditionalCheckFailedException. */
export class DynamoDBWireError extends Error {
  constructor(
    name: string,
    message: string,
    readonly details: Record<string, unknown>,
  ) {
    super(message);
    this.name = name;
  }
}

export interface DynamoDBWire {
  send<T = Record<string, unknown>>(operation: string, input: object): Promise<T>;
  destroy(): void;
}

export function dynamoDBWire(options: { endpoint: string; region: string; credentials: WireCredentials }): DynamoDBWire {
  const url = new URL(options.endpoint);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const signer = new SignatureV4({ credentials: options.credentials, region: options.region, service: 'dynamodb', sha256: NodeSha256 });

  async function send<T>(operation: string, input: object): Promise<T> {
    const body = JSON.stringify(input);
    const signed = await signer.sign({
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      port: Number(url.port),
      path: '/',
      headers: {
        host: url.host,
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': `DynamoDB_20120810.${operation}`,
      },
      body,
    });
    const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const request = http.request(
        { agent, host: url.hostname, port: url.port, method: 'POST', path: '/', headers: { ...signed.headers, 'content-length': Buffer.byteLength(body) } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 500, text: Buffer.concat(chunks).toString('utf8') }));
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end(body);
    });
    const parsed = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
    if (status >= 400) {
      const type = String(parsed.__type ?? 'InternalServerError');
      const message = String(parsed.message ?? parsed.Message ?? `DynamoDB answered HTTP ${status}`);
      throw new DynamoDBWireError(type.slice(type.lastIndexOf('#') + 1), message, parsed);
    }
    return parsed as T;
  }

  return { send, destroy: () => agent.destroy() };
}
