/**
 * Evaluates requests against real IAM policy JSON with `@cloud-copilot/iam-simulate`
 * (AGPL-3.0: local stack and tests only, never deployable code).
 *
 * Decisions are cached: for a given role, the outcome depends only on the action, the resource
 * and the context keys, and the context keys we supply (leading keys, principal tags, enclosing
 * operation, ...) take few distinct values, so a running stack answers almost every call from
 * the cache. Time-based keys (`aws:CurrentTime`, `aws:EpochTime`) are not supplied, which is what
 * makes the cache sound; policies of this product do not use them.
 */
import { runSimulation } from '@cloud-copilot/iam-simulate';
import type { PolicyDocument } from '../../domain/iam-policies.ts';

/** One authorization question. */
export interface AuthorizationRequest {
  /** The calling principal's ARN (an assumed-role session). */
  principal: string;
  /** Cache partition: requests with the same key, action, resource and context get one answer. */
  policyKey: string;
  identityPolicies: readonly PolicyDocument[];
  /** A resource-based policy (a role's trust policy for sts:AssumeRole), if any. */
  resourcePolicy?: PolicyDocument;
  action: string;
  resource: string;
  accountId: string;
  context: Record<string, string | string[]>;
}

export type Decision = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';

const MAX_CACHED = 20_000;

export class PolicyEvaluator {
  private readonly cache = new Map<string, Decision | Promise<Decision>>();
  /** Decisions computed by simulation (cache misses), for tests and benchmarks. */
  simulations = 0;

  /** The decision for `request`: cached, or simulated once even when asked concurrently. */
  decide(request: AuthorizationRequest): Decision | Promise<Decision> {
    const key = cacheKey(request);
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    if (this.cache.size >= MAX_CACHED) this.cache.clear();
    const pending = this.simulate(request).then((decision) => {
      this.cache.set(key, decision);
      return decision;
    }, (err: unknown) => {
      this.cache.delete(key);
      throw err;
    });
    this.cache.set(key, pending);
    return pending;
  }

  private async simulate(request: AuthorizationRequest): Promise<Decision> {
    this.simulations++;
    const result = await runSimulation({
      request: {
        principal: request.principal,
        action: request.action,
        resource: { resource: request.resource, accountId: request.accountId },
        contextVariables: request.context,
      },
      identityPolicies: request.identityPolicies.map((policy, i) => ({ name: `policy${i}`, policy })),
      ...(request.resourcePolicy ? { resourcePolicy: request.resourcePolicy } : {}),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
    }, {});
    // A simulation that cannot run (unknown action, invalid policy) denies: fail closed.
    return result.resultType === 'error' ? 'ImplicitlyDenied' : result.overallResult;
  }
}

function cacheKey(request: AuthorizationRequest): string {
  const context = Object.keys(request.context).sort().map((k) => `${k}=${JSON.stringify(request.context[k])}`).join('&');
  // The principal ARN matters to trust policies (resource policies name principals); identity
  // policies of one role answer alike for all its sessions, so they share entries.
  const who = request.resourcePolicy ? request.principal : '';
  return `${request.policyKey}\n${who}\n${request.action}\n${request.resource}\n${context}`;
}
