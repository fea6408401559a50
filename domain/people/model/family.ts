/**
 * The people around an employee: emergency contacts (whom to call) and dependants (whom they
 * provide for). Normalised and checked here; APPSYNC_JS-safe.
 */
import type { Dependant, DependantInput, EmergencyContact, EmergencyContactInput } from '../../generated/graphql.ts';
import { calendarDateOf } from '../../model/dates.ts';
import type { FieldProblem } from '../../model/errors.ts';
import { checkEmail, checkLength, checkPhone, trimmed, trimmedOrEmpty } from './text.ts';

export const MAX_EMERGENCY_CONTACTS = 5;
export const MAX_DEPENDANTS = 20;

export type EmergencyContactRow = Omit<EmergencyContact, '__typename'>;
export type DependantRow = Omit<Dependant, '__typename'>;

export function normaliseEmergencyContacts(input: EmergencyContactInput[] | null | undefined): EmergencyContactRow[] {
  return (input ?? []).map((contact) => ({
    name: trimmedOrEmpty(contact.name),
    relationship: contact.relationship,
    phone: trimmedOrEmpty(contact.phone),
    email: trimmed(contact.email)?.toLowerCase() ?? null,
  }));
}

export function normaliseDependants(input: DependantInput[] | null | undefined): DependantRow[] {
  return (input ?? []).map((dependant) => ({
    name: trimmedOrEmpty(dependant.name),
    relationship: dependant.relationship,
    // What is not a calendar date stays as given, for validation to report.
    dateOfBirth: calendarDateOf(dependant.dateOfBirth) ?? trimmedOrEmpty(dependant.dateOfBirth),
  }));
}

export function validateEmergencyContacts(contacts: EmergencyContactRow[], problems: FieldProblem[]): void {
  if (contacts.length > MAX_EMERGENCY_CONTACTS) problems.push({ field: 'emergencyContacts', message: `may list at most ${MAX_EMERGENCY_CONTACTS} contacts` });
  contacts.forEach((contact, i) => {
    const at = `emergencyContacts.${i}`;
    checkLength(problems, `${at}.name`, contact.name, 1, 200);
    checkLength(problems, `${at}.phone`, contact.phone, 1, 32);
    if (contact.phone) checkPhone(problems, `${at}.phone`, contact.phone);
    checkEmail(problems, `${at}.email`, contact.email, false);
  });
}

/** `today` is the tenant's date: a dependant is born by then, and in a year HR records accept. */
export function validateDependants(dependants: DependantRow[], today: string, problems: FieldProblem[]): void {
  if (dependants.length > MAX_DEPENDANTS) problems.push({ field: 'dependants', message: `may list at most ${MAX_DEPENDANTS} dependants` });
  dependants.forEach((dependant, i) => {
    const at = `dependants.${i}`;
    checkLength(problems, `${at}.name`, dependant.name, 1, 200);
    if (calendarDateOf(dependant.dateOfBirth) !== dependant.dateOfBirth) {
      problems.push({ field: `${at}.dateOfBirth`, message: 'must be a real date from 1900 to 2999 (YYYY-MM-DD)' });
    } else if (dependant.dateOfBirth > today) {
      problems.push({ field: `${at}.dateOfBirth`, message: 'cannot be in the future' });
    }
  });
}
