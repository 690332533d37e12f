import { getHeader } from '@sc-safety/adapter-utils';
import { getPath } from '@sc-safety/adapter-utils';

/** Response headers vendors put their request id in. */
const REQUEST_ID_HEADERS = ['x-request-id', 'x-dashscope-request-id', 'x-tc-requestid', 'request-id'];

/**
 * The vendor's request id: a request-id header, else the body's `request_id` (DashScope, Zhipu),
 * else the completion `id`.
 */
export function readRequestId(headers: Headers | undefined, body: unknown): string | undefined {
  for (const name of REQUEST_ID_HEADERS) {
    const value = getHeader(headers, name);
    if (value !== undefined && value !== '') return value;
  }
  for (const path of ['request_id', 'id']) {
    const value = getPath(body, path);
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}
