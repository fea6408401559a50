/**
 * Plans as people read them (the roster queries): each instant also on the wall clock of the
 * plan's time zone, the shift's elapsed length, and the length of the date itself, which is 23 or
 * 25 hours on the days the clocks change.
 */
import type { OvertimeRules as OvertimeRulesView, PlannedDay as PlannedDayView } from '../generated/graphql.ts';
import { dayMinutes, localDate, localTime } from '../time.ts';
import type { OvertimeRules, PlannedDay } from './model/planned-day.ts';

type View<T> = Omit<T, '__typename'>;

/** Every kind of overtime rule, null where the shift type has none. */
export function overtimeView(rules: OvertimeRules): View<OvertimeRulesView> {
  return { beforeShift: rules.beforeShift ?? null, afterShift: rules.afterShift ?? null, restDay: rules.restDay ?? null, holiday: rules.holiday ?? null };
}

/** A plan with its local times, as the roster queries answer it. */
export function plannedDayView(plan: PlannedDay): View<PlannedDayView> {
  const { shift } = plan;
  const start = shift ? new Date(shift.startAt) : null;
  const end = shift ? new Date(shift.endAt) : null;
  return {
    employeeId: plan.employeeId,
    date: plan.date,
    timeZone: plan.timeZone,
    dayMinutes: dayMinutes(plan.date, plan.timeZone),
    locationId: plan.locationId,
    departmentId: plan.departmentId,
    kind: plan.kind,
    shift: shift && start && end
      ? {
          ...shift,
          localStart: localTime(start, plan.timeZone),
          localEnd: localTime(end, plan.timeZone),
          endDate: localDate(end, plan.timeZone),
          spanMinutes: (end.getTime() - start.getTime()) / 60_000,
        }
      : null,
    holiday: plan.holiday,
    overtime: overtimeView(plan.overtime),
    source: plan.source,
    patternId: plan.patternId,
  };
}
