/** People (PIM): employee records. */
import { defineModule } from '../module.ts';

export const people = defineModule({
  module: 'people',
  functions: {
    loadEmployee: { source: 'people/functions/loadEmployee.ts', table: 'PIM' },
    getEmployee: { source: 'people/Query.employee/getEmployee.ts', table: 'PIM' },
    listEmployees: { source: 'people/Query.employees/listEmployees.ts', table: 'PIM' },
    updateEmployee: { source: 'people/Mutation.updateEmployee/updateEmployee.ts', table: 'PIM' },
    listReports: { source: 'people/Query.reports/listReports.ts', table: 'PIM' },
    createEmployee: { source: 'people/Mutation.createEmployee/createEmployee.ts', lambda: 'employment' },
    deleteEmployee: { source: 'people/Mutation.deleteEmployee/deleteEmployee.ts', lambda: 'employment' },
  },
  pipelines: {
    'Query.employee': ['getEmployee'],
    'Query.employees': ['listEmployees'],
    'Query.reports': ['loadEmployee', 'listReports'],
    'Mutation.createEmployee': ['createEmployee'],
    'Mutation.updateEmployee': ['loadEmployee', 'updateEmployee'],
    'Mutation.deleteEmployee': ['deleteEmployee'],
  },
});
