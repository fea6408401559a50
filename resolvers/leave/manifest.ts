/** Leave: types, policies, balances, the ledger and manual adjustments (requests arrive with schedules). */
import { defineModule } from '../module.ts';

export const leave = defineModule({
  module: 'leave',
  functions: {
    leaveRecordAccess: { source: 'leave/functions/leaveRecordAccess.ts' },
    listLeaveTypes: { source: 'leave/Query.leaveTypes/listLeaveTypes.ts', lambda: 'leave' },
    listLeavePolicies: { source: 'leave/Query.leavePolicies/listLeavePolicies.ts', lambda: 'leave' },
    myLeaveBalances: { source: 'leave/Query.myLeaveBalances/myLeaveBalances.ts', lambda: 'leave' },
    employeeLeaveBalances: { source: 'leave/Query.employeeLeaveBalances/employeeLeaveBalances.ts', lambda: 'leave' },
    employeeLeaveLedger: { source: 'leave/Query.employeeLeaveLedger/employeeLeaveLedger.ts', lambda: 'leave' },
    createLeaveType: { source: 'leave/Mutation.createLeaveType/createLeaveType.ts', lambda: 'leave' },
    updateLeaveType: { source: 'leave/Mutation.updateLeaveType/updateLeaveType.ts', lambda: 'leave' },
    deleteLeaveType: { source: 'leave/Mutation.deleteLeaveType/deleteLeaveType.ts', lambda: 'leave' },
    createLeavePolicy: { source: 'leave/Mutation.createLeavePolicy/createLeavePolicy.ts', lambda: 'leave' },
    updateLeavePolicy: { source: 'leave/Mutation.updateLeavePolicy/updateLeavePolicy.ts', lambda: 'leave' },
    deleteLeavePolicy: { source: 'leave/Mutation.deleteLeavePolicy/deleteLeavePolicy.ts', lambda: 'leave' },
    adjustLeaveBalance: { source: 'leave/Mutation.adjustLeaveBalance/adjustLeaveBalance.ts', lambda: 'leave' },
  },
  pipelines: {
    'Query.leaveTypes': ['listLeaveTypes'],
    'Query.leavePolicies': ['listLeavePolicies'],
    'Query.myLeaveBalances': ['myLeaveBalances'],
    // Whose leave a caller reads is checked on the employee record before the Lambda is asked.
    'Query.employeeLeaveBalances': ['loadEmployee', 'leaveRecordAccess', 'employeeLeaveBalances'],
    'Query.employeeLeaveLedger': ['loadEmployee', 'leaveRecordAccess', 'employeeLeaveLedger'],
    'Mutation.createLeaveType': ['createLeaveType'],
    'Mutation.updateLeaveType': ['updateLeaveType'],
    'Mutation.deleteLeaveType': ['deleteLeaveType'],
    'Mutation.createLeavePolicy': ['createLeavePolicy'],
    'Mutation.updateLeavePolicy': ['updateLeavePolicy'],
    'Mutation.deleteLeavePolicy': ['deleteLeavePolicy'],
    'Mutation.adjustLeaveBalance': ['loadEmployee', 'adjustLeaveBalance'],
  },
});
