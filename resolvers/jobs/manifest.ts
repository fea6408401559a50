/** Jobs: the administration of a tenant's background jobs. */
import { defineModule } from '../module.ts';

export const jobs = defineModule({
  module: 'jobs',
  functions: {
    listJobs: { source: 'jobs/Query.jobs/listJobs.ts', table: 'TenantJob' },
    getJob: { source: 'jobs/Query.job/getJob.ts', table: 'TenantJob' },
    listJobRuns: { source: 'jobs/Query.job/listJobRuns.ts', table: 'TenantJob' },
    createJob: { source: 'jobs/Mutation.createJob/createJob.ts', lambda: 'jobs' },
    cancelJob: { source: 'jobs/Mutation.cancelJob/cancelJob.ts', lambda: 'jobs' },
    retryJob: { source: 'jobs/Mutation.retryJob/retryJob.ts', lambda: 'jobs' },
  },
  pipelines: {
    'Query.jobs': ['listJobs'],
    'Query.job': ['getJob', 'listJobRuns'],
    'Mutation.createJob': ['createJob'],
    'Mutation.cancelJob': ['cancelJob'],
    'Mutation.retryJob': ['retryJob'],
  },
});
