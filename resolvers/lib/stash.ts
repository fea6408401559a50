import type { TenantScope } from '../../domain/model/tenant-scope.ts';
import type { EmployeeRow } from '../../domain/people/model/employee.ts';
import type { CustomFieldsRow } from '../../domain/people/model/custom-fields.ts';
import type { Job } from '../../domain/jobs/model/records.ts';

/** What pipeline functions leave in `ctx.stash` for the ones after them. */
export interface PipelineStash {
  /** Set by `tenantScope`, the only source of partition keys. */
  scope: TenantScope;
  /** Set by `getEmployee`: the stored record, or null. */
  employee?: EmployeeRow | null;
  /** Set by `loadCustomFields`: the tenant's custom-field declarations (version 0 when there are none). */
  customFields?: CustomFieldsRow;
  /** Set by `getJob`: the stored job (the pipeline has ended when there is none). */
  job?: Job;
}
