/** People (PIM): employee records. */
import { FIELD_GROUPS } from '../../domain/model/authorization.ts';
import { defineModule } from '../module.ts';

export const people = defineModule({
  module: 'people',
  functions: {
    loadEmployee: { source: 'people/functions/loadEmployee.ts', table: 'PIM' },
    getEmployee: { source: 'people/Query.employee/getEmployee.ts', table: 'PIM' },
    listEmployees: { source: 'people/Query.employees/listEmployees.ts', table: 'PIM' },
    createEmployee: { source: 'people/Mutation.createEmployee/createEmployee.ts', table: 'PIM' },
    updateEmployee: { source: 'people/Mutation.updateEmployee/updateEmployee.ts', table: 'PIM' },
    deleteEmployee: { source: 'people/Mutation.deleteEmployee/deleteEmployee.ts', table: 'PIM' },
  },
  pipelines: {
    'Query.employee': ['getEmployee'],
    'Query.employees': ['listEmployees'],
    'Mutation.createEmployee': ['createEmployee'],
    'Mutation.updateEmployee': ['loadEmployee', 'updateEmployee'],
    'Mutation.deleteEmployee': ['loadEmployee', 'deleteEmployee'],
  },
  // Every restricted field gets the resolver that re-checks the caller's scope for its group.
  units: Object.values(FIELD_GROUPS).flat().map((field) => ({ field, source: 'people/Employee.restrictedField.ts' })),
});
