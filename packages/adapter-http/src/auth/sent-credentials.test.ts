import { describe, expect, it } from 'vitest';
import { sentCredentials } from './sent-credentials.js';

describe('sentCredentials', () => {
  it('takes credential headers whole and without their scheme, and credential query parameters', () => {
    const url = new URL('https://vendor.example/chat?access_token=tok-123456&date=Tue&host=vendor.example');
    const found = sentCredentials({
      url,
      method: 'POST',
      body: '{}',
      headers: {
        authorization: 'Bearer abc.def.ghi',
        'content-type': 'application/json',
        'x-tc-action': 'ChatCompletions',
      },
    });
    expect(found.sort()).toEqual(['Bearer abc.def.ghi', 'abc.def.ghi', 'tok-123456'].sort());
  });

  it('takes the Signature and Credential parts of a signed Authorization value', () => {
    const value =
      'TC3-HMAC-SHA256 Credential=AKID0001/2025-01-01/hunyuan/tc3_request, SignedHeaders=content-type;host, Signature=0a1b2c3d';
    const found = sentCredentials({
      url: new URL('https://x.example/'),
      method: 'POST',
      body: '',
      headers: { authorization: value },
    });
    expect(found).toEqual(expect.arrayContaining([value, '0a1b2c3d', 'AKID0001/2025-01-01/hunyuan/tc3_request']));
    expect(found).not.toContain('content-type');
  });
});
