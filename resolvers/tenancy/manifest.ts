/** Tenants: the control plane (system admins only): onboarding through the tenancy Lambda. */
import { defineModule } from '../module.ts';

export const tenancy = defineModule({
  module: 'tenancy',
  functions: {
    createTenant: { source: 'tenancy/Mutation.createTenant/createTenant.ts', lambda: 'tenancy' },
    tenantOnboarding: { source: 'tenancy/Query.tenantOnboarding/tenantOnboarding.ts', lambda: 'tenancy' },
  },
  pipelines: {
    'Mutation.createTenant': ['createTenant'],
    'Query.tenantOnboarding': ['tenantOnboarding'],
  },
});
