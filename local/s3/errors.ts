/**
 * S3's REST error responses, as the gateway sends them: an XML `<Error>` document with S3's own
 * code, status and message wording, so that unmodified SDK clients raise the same exceptions
 * (`SignatureDoesNotMatch`, `AccessDenied`, ...) locally as against Amazon S3.
 *
 * Codes, statuses and messages follow the Amazon S3 API reference, "Error responses" (the
 * ErrorCodeList table, also reproduced on the user guide page "Billing for Amazon S3 error
 * responses"); the extra elements (`StringToSign`, `X-Amz-Expires`, `HeadersNotSigned`, ...)
 * are the ones S3 adds to those errors.
 */
import type { ServerResponse } from 'node:http';

/** One S3 error: code, HTTP status and message, plus the detail elements S3 adds. */
export class S3Error extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    /** Extra child elements of `<Error>`, in order (e.g. `{ AWSAccessKeyId, StringToSign }`). */
    readonly detail: Record<string, string> = {},
  ) {
    super(message);
    this.name = code;
  }
}

/** The errors the gateway raises, with S3's wording. */
export const s3Errors = {
  accessDenied: (message = 'Access Denied', detail?: Record<string, string>) => new S3Error('AccessDenied', 403, message, detail),
  requestExpired: (detail: Record<string, string>) => new S3Error('AccessDenied', 403, 'Request has expired', detail),
  requestNotYetValid: (detail: Record<string, string>) => new S3Error('AccessDenied', 403, 'Request is not valid yet', detail),
  headersNotSigned: (headers: string[]) =>
    new S3Error('AccessDenied', 403, 'There were headers present in the request which were not signed', { HeadersNotSigned: headers.join(', ') }),
  invalidAccessKeyId: (accessKeyId: string) =>
    new S3Error('InvalidAccessKeyId', 403, 'The AWS Access Key Id you provided does not exist in our records.', { AWSAccessKeyId: accessKeyId }),
  signatureDoesNotMatch: (detail: Record<string, string>) =>
    new S3Error('SignatureDoesNotMatch', 403, 'The request signature we calculated does not match the signature you provided. Check your key and signing method.', detail),
  expiredToken: () => new S3Error('ExpiredToken', 400, 'The provided token has expired.'),
  invalidToken: () => new S3Error('InvalidToken', 400, 'The provided token is malformed or otherwise invalid.'),
  requestTimeTooSkewed: (detail: Record<string, string>) =>
    new S3Error('RequestTimeTooSkewed', 403, 'The difference between the request time and the current time is too large.', detail),
  authorizationHeaderMalformed: (message: string) => new S3Error('AuthorizationHeaderMalformed', 400, message),
  authorizationQueryParametersError: (message: string) => new S3Error('AuthorizationQueryParametersError', 400, message),
  unsupportedAuthorization: () =>
    new S3Error('InvalidRequest', 400, 'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.'),
  oneAuthMechanism: () =>
    new S3Error(
      'InvalidArgument',
      400,
      'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified',
    ),
  missingContentSha256: () => new S3Error('InvalidRequest', 400, 'Missing required header for this request: x-amz-content-sha256'),
  invalidContentSha256: () =>
    new S3Error('InvalidArgument', 400, 'x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, or a valid sha256 value.'),
  contentSha256Mismatch: (declared: string, computed: string) =>
    new S3Error('XAmzContentSHA256Mismatch', 400, "The provided 'x-amz-content-sha256' header does not match what was computed.", {
      ClientComputedContentSHA256: declared,
      S3ComputedContentSHA256: computed,
    }),
  badDigest: (algorithm: string) =>
    algorithm === 'MD5'
      ? new S3Error('BadDigest', 400, 'The Content-MD5 you specified did not match what we received.')
      : new S3Error('BadDigest', 400, `The ${algorithm} you specified did not match the calculated checksum.`),
  invalidDigest: (algorithm: string) => new S3Error('InvalidDigest', 400, `The ${algorithm} you specified was invalid.`),
  incompleteBody: () => new S3Error('IncompleteBody', 400, 'You did not provide the number of bytes specified by the Content-Length HTTP header.'),
  malformedChunkedEncoding: () => new S3Error('IncompleteBody', 400, 'The request body is not valid aws-chunked encoding.'),
  entityTooLarge: () => new S3Error('EntityTooLarge', 400, 'Your proposed upload exceeds the maximum allowed object size.'),
  maxMessageLengthExceeded: () => new S3Error('MaxMessageLengthExceeded', 400, 'Your request was too big.'),
  malformedXml: () =>
    new S3Error('MalformedXML', 400, 'The XML you provided was not well-formed or did not validate against our published schema.'),
  invalidUri: () => new S3Error('InvalidURI', 400, "Couldn't parse the specified URI."),
  unsupportedKey: (key: string) =>
    new S3Error('InvalidArgument', 400, "Object keys with '.' or '..' segments or NUL characters are not supported by the local S3.", {
      ArgumentName: 'key',
      ArgumentValue: key,
    }),
  invalidBucketName: (bucket: string) => new S3Error('InvalidBucketName', 400, 'The specified bucket is not valid.', { BucketName: bucket }),
  notImplemented: (what: 'header' | 'parameter') =>
    new S3Error('NotImplemented', 501, `A ${what} you provided implies functionality that is not implemented.`),
  internalError: () => new S3Error('InternalError', 500, 'We encountered an internal error. Please try again.'),
} as const;

/** Writes `error` as S3 does; HEAD answers carry the status and headers only, as S3's do. */
export function sendS3Error(res: ServerResponse, error: S3Error, requestId: string, method: string | undefined, resource?: string): void {
  const elements: Record<string, string> = {
    Code: error.code,
    Message: error.message,
    ...(resource === undefined ? {} : { Resource: resource }),
    ...error.detail,
    RequestId: requestId,
    HostId: requestId,
  };
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${Object.entries(elements)
    .map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`)
    .join('')}</Error>`;
  res.writeHead(error.status, {
    'Content-Type': 'application/xml',
    'x-amz-request-id': requestId,
    'x-amz-id-2': requestId,
    ...(method === 'HEAD' ? {} : { 'Content-Length': Buffer.byteLength(body) }),
  });
  res.end(method === 'HEAD' ? undefined : body);
}

/** Escapes text for an XML element. */
export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}
