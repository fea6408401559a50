/** People (PIM): employee records, their history, custom fields, self-service and archiving. */
import { defineModule } from '../module.ts';

/** Every change of a record: the operation's own function, then the shared checks and the write (see update.ts). */
const UPDATE_STEPS = ['checkPerson', 'checkDetails', 'checkCustomFields', 'writeEmployee', 'employeeResult'] as const;

export const people = defineModule({
  module: 'people',
  functions: {
    loadEmployee: { source: 'people/functions/loadEmployee.ts', table: 'PIM' },
    loadCustomFields: { source: 'people/functions/loadCustomFields.ts', table: 'PIM' },
    personnelFileAccess: { source: 'people/functions/personnelFileAccess.ts' },
    checkPerson: { source: 'people/functions/checkPerson.ts' },
    checkDetails: { source: 'people/functions/checkDetails.ts' },
    checkCustomFields: { source: 'people/functions/checkCustomFields.ts' },
    writeEmployee: { source: 'people/functions/writeEmployee.ts', table: 'PIM' },
    employeeResult: { source: 'people/functions/employeeResult.ts' },
    getEmployee: { source: 'people/Query.employee/getEmployee.ts', table: 'PIM' },
    listEmployees: { source: 'people/Query.employees/listEmployees.ts', table: 'PIM' },
    listReports: { source: 'people/Query.reports/listReports.ts', table: 'PIM' },
    listHistory: { source: 'people/Query.employeeHistory/listHistory.ts', table: 'PIM' },
    presignPhoto: { source: 'people/Query.employeePhotoUrl/presignPhoto.ts', lambda: 'documents' },
    customFieldSchema: { source: 'people/Query.customFieldSchema/customFieldSchema.ts' },
    createEmployee: { source: 'people/Mutation.createEmployee/createEmployee.ts', lambda: 'employment' },
    updateEmployee: { source: 'people/Mutation.updateEmployee/updateEmployee.ts' },
    deleteEmployee: { source: 'people/Mutation.deleteEmployee/deleteEmployee.ts', lambda: 'employment' },
    updateMyProfile: { source: 'people/Mutation.updateMyProfile/updateMyProfile.ts', table: 'PIM' },
    verifyProfilePhoto: { source: 'people/Mutation.setProfilePhoto/verifyProfilePhoto.ts', lambda: 'documents' },
    setProfilePhoto: { source: 'people/Mutation.setProfilePhoto/setProfilePhoto.ts', table: 'PIM' },
    archiveEmployee: { source: 'people/Mutation.archiveEmployee/archiveEmployee.ts', table: 'PIM' },
    restoreEmployee: { source: 'people/Mutation.restoreEmployee/restoreEmployee.ts', table: 'PIM' },
    defineCustomField: { source: 'people/Mutation.defineCustomField/defineCustomField.ts', table: 'PIM' },
    removeCustomField: { source: 'people/Mutation.removeCustomField/removeCustomField.ts', table: 'PIM' },
  },
  pipelines: {
    'Query.employee': ['loadCustomFields', 'getEmployee'],
    'Query.employees': ['loadCustomFields', 'listEmployees'],
    'Query.reports': ['loadEmployee', 'loadCustomFields', 'listReports'],
    'Query.employeeHistory': ['loadEmployee', 'personnelFileAccess', 'listHistory'],
    'Query.employeePhotoUrl': ['loadEmployee', 'presignPhoto'],
    'Query.customFieldSchema': ['loadCustomFields', 'customFieldSchema'],
    'Mutation.createEmployee': ['createEmployee'],
    'Mutation.updateEmployee': ['loadEmployee', 'loadCustomFields', 'updateEmployee', ...UPDATE_STEPS],
    'Mutation.deleteEmployee': ['deleteEmployee'],
    'Mutation.updateMyProfile': ['loadCustomFields', 'updateMyProfile', ...UPDATE_STEPS],
    'Mutation.setProfilePhoto': ['loadEmployee', 'personnelFileAccess', 'loadCustomFields', 'verifyProfilePhoto', 'setProfilePhoto', 'employeeResult'],
    'Mutation.archiveEmployee': ['loadEmployee', 'loadCustomFields', 'archiveEmployee', 'employeeResult'],
    'Mutation.restoreEmployee': ['loadEmployee', 'loadCustomFields', 'restoreEmployee', 'employeeResult'],
    'Mutation.defineCustomField': ['loadCustomFields', 'defineCustomField'],
    'Mutation.removeCustomField': ['loadCustomFields', 'removeCustomField'],
  },
});
