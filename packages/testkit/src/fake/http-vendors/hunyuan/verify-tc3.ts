import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** A refused signature, as Tencent Cloud names it. */
export interface Tc3Rejection {
  code: string;
  message: string;
}

export interface Tc3VerifyInput {
  method: string;
  path: string;
  /** The query string without `?`. */
  query: string;
  /** Lowercased request headers. */
  headers: Record<string, string>;
  /** The body bytes exactly as received. */
  rawBody: string;
  /** SecretId → SecretKey the server knows. */
  keys: Readonly<Record<string, string>>;
  /** The server's clock, Unix seconds. */
  nowSeconds: number;
  /** Largest accepted clock difference (Tencent: 300 s). */
  maxSkewSeconds?: number;
}

const sha256hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * Verifies a TC3-HMAC-SHA256 signature independently of any client: rebuilds the canonical
 * request from what arrived (the headers named in SignedHeaders, the raw body), checks the
 * credential scope date and the timestamp skew. Returns undefined when the signature is good.
 */
export function verifyTc3(input: Tc3VerifyInput): Tc3Rejection | undefined {
  const auth = input.headers.authorization ?? '';
  const match =
    /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([^/]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(
      auth,
    );
  if (match === null)
    return { code: 'AuthFailure.InvalidAuthorization', message: 'Credential in Authorization is invalid or missing.' };
  const [, secretId = '', date = '', service = '', signedHeaders = '', signature = ''] = match;
  const secretKey = input.keys[secretId];
  if (secretKey === undefined)
    return {
      code: 'AuthFailure.SecretIdNotFound',
      message: 'The SecretId is not found, please ensure that your SecretId is correct.',
    };
  const timestamp = Number(input.headers['x-tc-timestamp']);
  if (!Number.isInteger(timestamp))
    return { code: 'AuthFailure.InvalidAuthorization', message: 'X-TC-Timestamp is missing or invalid.' };
  if (Math.abs(input.nowSeconds - timestamp) > (input.maxSkewSeconds ?? 300)) {
    return {
      code: 'AuthFailure.SignatureExpire',
      message: 'Signature expired. Timestamp and server time cannot differ by more than 5 minutes.',
    };
  }
  if (new Date(timestamp * 1000).toISOString().slice(0, 10) !== date)
    return {
      code: 'AuthFailure.SignatureFailure',
      message: 'The date in the credential scope does not match X-TC-Timestamp.',
    };
  const names = signedHeaders.split(';');
  if (!names.includes('host') || !names.includes('content-type'))
    return { code: 'AuthFailure.SignatureFailure', message: 'content-type and host must be signed.' };
  const canonicalHeaders = names
    .map((name) => `${name}:${(input.headers[name] ?? '').trim().toLowerCase()}\n`)
    .join('');
  const canonicalRequest = `${input.method}\n${input.path}\n${input.query}\n${canonicalHeaders}\n${signedHeaders}\n${sha256hex(input.rawBody)}`;
  const stringToSign = `TC3-HMAC-SHA256\n${timestamp}\n${date}/${service}/tc3_request\n${sha256hex(canonicalRequest)}`;
  const kDate = createHmac('sha256', `TC3${secretKey}`).update(date).digest();
  const kService = createHmac('sha256', kDate).update(service).digest();
  const kSigning = createHmac('sha256', kService).update('tc3_request').digest();
  const expected = createHmac('sha256', kSigning).update(stringToSign).digest();
  if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) {
    return {
      code: 'AuthFailure.SignatureFailure',
      message: 'The provided credentials could not be validated. Please check your signature is correct.',
    };
  }
  return undefined;
}
