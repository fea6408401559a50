/** Tenants: the control plane (system admins only): onboarding, lifecycle and plans through the tenancy Lambda. */
import { defineModule } from '../module.ts';

export const tenancy = defineModule({
  module: 'tenancy',
  functions: {
    createTenant: { source: 'tenancy/Mutation.createTenant/createTenant.ts', lambda: 'tenancy' },
    tenantOnboarding: { source: 'tenancy/Query.tenantOnboarding/tenantOnboarding.ts', lambda: 'tenancy' },
    tenant: { source: 'tenancy/Query.tenant/tenant.ts', lambda: 'tenancy' },
    suspendTenant: { source: 'tenancy/Mutation.suspendTenant/suspendTenant.ts', lambda: 'tenancy' },
    reactivateTenant: { source: 'tenancy/Mutation.reactivateTenant/reactivateTenant.ts', lambda: 'tenancy' },
    changeTenantPlan: { source: 'tenancy/Mutation.changeTenantPlan/changeTenantPlan.ts', lambda: 'tenancy' },
  },
  pipelines: {
    'Mutation.createTenant': ['createTenant'],
    'Query.tenantOnboarding': ['tenantOnboarding'],
    'Query.tenant': ['tenant'],
    'Mutation.suspendTenant': ['suspendTenant'],
    'Mutation.reactivateTenant': ['reactivateTenant'],
    'Mutation.changeTenantPlan': ['changeTenantPlan'],
  },
});
