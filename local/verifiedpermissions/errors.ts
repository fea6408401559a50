/**
 * Amazon Verified Permissions errors, shaped as the service sends them so that the SDK's
 * awsJson1_0 error parser (which reads `__type`) builds its typed exceptions with their fields.
 */

/** The `resourceType` values of `ResourceNotFoundException` and `ConflictException`. */
export type ResourceType = 'POLICY_STORE' | 'POLICY' | 'POLICY_TEMPLATE' | 'SCHEMA' | 'IDENTITY_SOURCE';

/** One entry of a `ValidationException`'s `fieldList`. */
export interface ValidationField {
  path: string;
  message: string;
}

/** An error answered to the client: HTTP status plus the JSON body fields beside `__type`. */
export class AvpError extends Error {
  constructor(
    readonly type: string,
    readonly status: number,
    message: string,
    readonly fields: Record<string, unknown> = {},
  ) {
    super(message);
  }

  /** The JSON body, with the namespaced `__type` the real service sends. */
  body(): Record<string, unknown> {
    return { __type: `com.amazonaws.verifiedpermissions#${this.type}`, message: this.message, ...this.fields };
  }
}

/** Bad input shape, or a policy/schema/request refused by Cedar. */
export function validationError(message: string, fieldList: ValidationField[] = []): AvpError {
  return new AvpError('ValidationException', 400, message, { fieldList });
}

/** A refusal of one field: the usual case for shape checks. */
export function invalidField(path: string, message: string): AvpError {
  return validationError(`1 validation error detected: ${path}: ${message}`, [{ path, message }]);
}

export function notFound(resourceType: ResourceType, resourceId: string): AvpError {
  return new AvpError('ResourceNotFoundException', 404, `${resourceType} ${resourceId} not found`, { resourceId, resourceType });
}

/** A write that conflicts with stored state, naming the resources involved (possibly none). */
export function conflict(message: string, resources: { resourceId: string; resourceType: ResourceType }[]): AvpError {
  return new AvpError('ConflictException', 409, message, { resources });
}

/** The policy store's deletion protection is on. */
export function invalidState(message: string): AvpError {
  return new AvpError('InvalidStateException', 400, message);
}

export function internalError(message: string): AvpError {
  return new AvpError('InternalServerException', 500, message);
}
