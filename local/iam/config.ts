/**
 * The local IAM configuration: which roles exist (ARN → identity policy and trust policy), which
 * long-term keys the stack's own services sign with, and which role each key acts as. Plain JSON,
 * because it travels from the parent process to the DynamoDB child over IPC.
 */
import type { PolicyDocument } from '../../domain/iam-policies.ts';

/** A role: what its sessions may do, and who may assume it. */
export interface LocalRole {
  /** `arn:aws:iam::<account>:role/<name>`. */
  arn: string;
  /** Identity policies attached to the role, evaluated together. */
  policies: PolicyDocument[];
  /** Who may assume it; omitted = nobody (service-key roles such as the AppSync data source). */
  trustPolicy?: PolicyDocument;
  /** Longest session STS issues (AWS default 3600 s). */
  maxSessionSeconds?: number;
}

/**
 * A long-term key of the stack's own services (Lambdas run in-process, the AppSync data source,
 * system runners). On AWS these are the functions' execution-role sessions; locally a fixed key
 * stands for such a session of `roleArn`, named `sessionName`.
 */
export interface LocalServiceCredential {
  accessKeyId: string;
  secretAccessKey: string;
  roleArn: string;
  sessionName: string;
}

/** Temporary credentials STS issued (or a test pre-loads, e.g. already expired ones). */
export interface LocalSession {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** Epoch ms. */
  expiresAt: number;
  roleArn: string;
  sessionName: string;
  /** Session tags: `aws:PrincipalTag/<key>` of every call made with the session. */
  tags: Record<string, string>;
}

/** Everything the local STS and the DynamoDB enforcement need. */
export interface LocalIamConfig {
  region: string;
  accountId: string;
  roles: LocalRole[];
  services: LocalServiceCredential[];
  /** Sessions valid from the start (tests, restored state). */
  sessions?: LocalSession[];
  /** Port of the local STS; 0 or omitted = any free port. */
  stsPort?: number;
  /** The local S3 served beside STS, on the same credentials and policies; omitted = none. */
  s3?: { buckets: string[]; folder?: string };
  /** Lowest log level in the child; default LOG_LEVEL or "info". */
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
}
