import { isValidEntityId } from '../../domain/model/keys.ts';
import { fail } from './errors.ts';

const ENTITY_ID_RULE = 'must be 1-64 letters, digits, "-" or "_"';

/** The id argument `field` if it is a well-formed entity id; otherwise VALIDATION_ERROR naming the field. */
export function requireEntityId(value: string | null | undefined, field: string): string {
  if (isValidEntityId(value)) return value;
  return fail('VALIDATION_ERROR', `${field} ${ENTITY_ID_RULE}.`, { fields: [{ field, message: ENTITY_ID_RULE }] });
}
