/** Tenants: the control plane through the tenancy Lambda: onboarding, lifecycle and plans (system admins), users (tenant admins). */
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
    tenantUsers: { source: 'tenancy/Query.tenantUsers/tenantUsers.ts', lambda: 'tenancy' },
    inviteUser: { source: 'tenancy/Mutation.inviteUser/inviteUser.ts', lambda: 'tenancy' },
    disableUser: { source: 'tenancy/Mutation.disableUser/disableUser.ts', lambda: 'tenancy' },
    enableUser: { source: 'tenancy/Mutation.enableUser/enableUser.ts', lambda: 'tenancy' },
    setUserRole: { source: 'tenancy/Mutation.setUserRole/setUserRole.ts', lambda: 'tenancy' },
    linkUserToEmployee: { source: 'tenancy/Mutation.linkUserToEmployee/linkUserToEmployee.ts', lambda: 'tenancy' },
  },
  pipelines: {
    'Mutation.createTenant': ['createTenant'],
    'Query.tenantOnboarding': ['tenantOnboarding'],
    'Query.tenant': ['tenant'],
    'Mutation.suspendTenant': ['suspendTenant'],
    'Mutation.reactivateTenant': ['reactivateTenant'],
    'Mutation.changeTenantPlan': ['changeTenantPlan'],
    'Query.tenantUsers': ['tenantUsers'],
    'Mutation.inviteUser': ['inviteUser'],
    'Mutation.disableUser': ['disableUser'],
    'Mutation.enableUser': ['enableUser'],
    'Mutation.setUserRole': ['setUserRole'],
    'Mutation.linkUserToEmployee': ['linkUserToEmployee'],
  },
});
