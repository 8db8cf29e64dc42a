import { describe, expect, it } from 'vitest';
import { endpointKey, memoryEndpointLimiter } from '../../../src/alerts/limiter.ts';

describe('per-endpoint limiter (memory)', () => {
  it('hands out at most `limit` slots per endpoint, independently per endpoint, and frees them on release', async () => {
    const l = memoryEndpointLimiter(2);
    const a1 = await l.acquire('https://a.example');
    const a2 = await l.acquire('https://a.example');
    expect(await l.acquire('https://a.example')).toBeNull();
    expect(await l.acquire('https://b.example')).not.toBeNull();
    await a1!.release();
    await a1!.release(); // twice is once
    expect(l.inFlight('https://a.example')).toBe(1);
    expect(await l.acquire('https://a.example', 1)).toBeNull(); // a failing endpoint gets one slot
    await a2!.release();
    expect(await l.acquire('https://a.example', 1)).not.toBeNull();
  });

  it('keys endpoints by origin', () => {
    expect(endpointKey('https://Hooks.Example.org:443/a?b=1')).toBe('https://hooks.example.org');
    expect(endpointKey('http://127.0.0.1:8080/x')).toBe('http://127.0.0.1:8080');
  });
});
