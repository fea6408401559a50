/** Attendance: punches, daily records, team and department views, correction requests. */
import { defineModule } from '../module.ts';

export const attendance = defineModule({
  module: 'attendance',
  functions: {
    clockIn: { source: 'attendance/Mutation.clockIn/clockIn.ts', lambda: 'attendance' },
    clockOut: { source: 'attendance/Mutation.clockOut/clockOut.ts', lambda: 'attendance' },
    requestAttendanceCorrection: { source: 'attendance/Mutation.requestAttendanceCorrection/requestCorrection.ts', lambda: 'attendance' },
    approveAttendanceCorrection: { source: 'attendance/Mutation.approveAttendanceCorrection/approveCorrection.ts', lambda: 'attendance' },
    rejectAttendanceCorrection: { source: 'attendance/Mutation.rejectAttendanceCorrection/rejectCorrection.ts', lambda: 'attendance' },
    listMyRecords: { source: 'attendance/Query.myAttendance/listMyRecords.ts', table: 'TimeAttendance' },
    listMyPunches: { source: 'attendance/Query.myAttendance/listMyPunches.ts', table: 'TimeAttendance' },
    listMyCorrections: { source: 'attendance/Query.myAttendanceCorrections/listMyCorrections.ts', table: 'TimeAttendance' },
    loadTeamManager: { source: 'attendance/Query.teamAttendanceToday/loadTeamManager.ts', table: 'PIM' },
    teamToday: { source: 'attendance/Query.teamAttendanceToday/teamToday.ts', lambda: 'attendance' },
    loadGridDepartment: { source: 'attendance/Query.departmentAttendance/loadGridDepartment.ts', table: 'PIM' },
    queryDepartmentAttendance: { source: 'attendance/Query.departmentAttendance/queryDepartmentAttendance.ts', table: 'TimeAttendance' },
    loadGridEmployees: { source: 'attendance/Query.departmentAttendance/loadGridEmployees.ts', table: 'PIM' },
    loadDecider: { source: 'attendance/Query.attendanceCorrectionsToDecide/loadDecider.ts', table: 'PIM' },
    listCorrectionsToDecide: { source: 'attendance/Query.attendanceCorrectionsToDecide/listCorrectionsToDecide.ts', table: 'TimeAttendance' },
  },
  pipelines: {
    'Query.myAttendance': ['listMyRecords', 'listMyPunches'],
    'Query.myAttendanceCorrections': ['listMyCorrections'],
    'Query.teamAttendanceToday': ['loadTeamManager', 'teamToday'],
    'Query.departmentAttendance': ['loadGridDepartment', 'queryDepartmentAttendance', 'loadGridEmployees'],
    'Query.attendanceCorrectionsToDecide': ['loadDecider', 'listCorrectionsToDecide'],
    'Mutation.clockIn': ['clockIn'],
    'Mutation.clockOut': ['clockOut'],
    'Mutation.requestAttendanceCorrection': ['requestAttendanceCorrection'],
    'Mutation.approveAttendanceCorrection': ['approveAttendanceCorrection'],
    'Mutation.rejectAttendanceCorrection': ['rejectAttendanceCorrection'],
  },
});
