/** Employment: contracts, their versions and terminations. */
import { defineModule } from '../module.ts';

export const employment = defineModule({
  module: 'employment',
  functions: {
    listContracts: { source: 'employment/Query.employeeContracts/listContracts.ts', table: 'Employment' },
    startContract: { source: 'employment/Mutation.startContract/startContract.ts', lambda: 'employment' },
    amendContract: { source: 'employment/Mutation.amendContract/amendContract.ts', lambda: 'employment' },
    terminateContract: { source: 'employment/Mutation.terminateContract/terminateContract.ts', lambda: 'employment' },
  },
  pipelines: {
    'Query.employeeContracts': ['loadEmployee', 'listContracts'],
    'Mutation.startContract': ['startContract'],
    'Mutation.amendContract': ['amendContract'],
    'Mutation.terminateContract': ['terminateContract'],
  },
});
