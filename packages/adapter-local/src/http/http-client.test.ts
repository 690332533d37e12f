import { describe, expect, it } from 'vitest';
import { LocalHttpClient } from './http-client.js';

describe('LocalHttpClient', () => {
  it('keeps a URL password out of the display origin but sends to the origin as given', () => {
    const client = new LocalHttpClient({ baseURL: 'http://user:hunter22-secret@127.0.0.1:8080/v1/' });
    expect(client.displayOrigin).toBe('http://user:[REDACTED]@127.0.0.1:8080');
    expect(client.url('/health')).toBe('http://user:hunter22-secret@127.0.0.1:8080/health');
  });

  it('redacts the API key wherever it appears in the display origin', () => {
    const client = new LocalHttpClient({
      baseURL: 'http://127.0.0.1:8080/proxy-key-123456',
      apiKey: 'proxy-key-123456',
    });
    expect(client.displayOrigin).toBe('http://127.0.0.1:8080/[REDACTED]');
  });
});
