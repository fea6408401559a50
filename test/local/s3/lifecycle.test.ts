/**
 * The local S3's lifecycle: data in a given folder survives a restart, temporary folders do not
 * outlive stop(), and multipart uploads pass the gateway.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { startLocalS3, type LocalS3 } from '../../../local/s3/index.ts';
import { ADMIN, BUCKET, REGION } from './helpers.ts';

const running: LocalS3[] = [];
const clients: S3Client[] = [];
let folder: string | undefined;

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  for (const s3 of running.splice(0)) await s3.stop();
  if (folder) await rm(folder, { recursive: true, force: true });
  folder = undefined;
});

async function start(options: { folder?: string } = {}): Promise<{ s3: LocalS3; client: S3Client }> {
  const s3 = await startLocalS3({
    ...options,
    buckets: [BUCKET],
    lookupCredentials: (id) => (id === ADMIN.accessKeyId ? { secretAccessKey: ADMIN.secretAccessKey, principal: 'internal' } : undefined),
  });
  running.push(s3);
  const client = new S3Client({ endpoint: s3.endpoint, region: REGION, forcePathStyle: true, credentials: ADMIN });
  clients.push(client);
  return { s3, client };
}

it('keeps objects in the given folder across restarts', async () => {
  folder = await mkdtemp(join(tmpdir(), 'local-s3-test-'));
  const first = await start({ folder });
  await first.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'tenants/acme/kept.txt', Body: 'still here' }));
  await first.s3.stop();
  running.splice(0);

  const second = await start({ folder });
  const got = await second.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'tenants/acme/kept.txt' }));
  expect(await got.Body!.transformToString()).toBe('still here');
});

it('removes its temporary folders on stop', async () => {
  const before = new Set((await readdir(tmpdir())).filter((name) => name.startsWith('optimalhr-s3-')));
  const { s3, client } = await start();
  await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'tenants/acme/tmp.txt', Body: 'gone soon' }));
  const created = (await readdir(tmpdir())).filter((name) => name.startsWith('optimalhr-s3-') && !before.has(name));
  expect(created).toHaveLength(2);
  await s3.stop();
  running.splice(0);
  for (const name of created) expect(existsSync(join(tmpdir(), name))).toBe(false);
});

it('passes multipart uploads through (each step authorized as s3:PutObject)', async () => {
  const { client } = await start();
  const Key = 'tenants/acme/exports/big.csv';
  const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key }));
  const part1 = Buffer.alloc(5 * 1024 * 1024, 'a');
  const part2 = Buffer.from('tail');
  const etags = [];
  for (const [index, Body] of [part1, part2].entries()) {
    const { ETag } = await client.send(new UploadPartCommand({ Bucket: BUCKET, Key, UploadId, PartNumber: index + 1, Body }));
    etags.push({ ETag, PartNumber: index + 1 });
  }
  await client.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key, UploadId, MultipartUpload: { Parts: etags } }));
  const got = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key }));
  expect(got.ContentLength).toBe(part1.length + part2.length);
  expect(Buffer.from(await got.Body!.transformToByteArray()).equals(Buffer.concat([part1, part2]))).toBe(true);
});
