import { describe, expect, it } from 'vitest';
import { DELIVERY_SCHEDULE_MS, JOBS, JOB_NAMES, jobIdPart, parsePayload, scheduledDelay } from '../../../src/queue/catalog.ts';
import { assertHandlers } from '../../../src/queue/runtime.ts';

describe('job catalog', () => {
  it('gives the same logical work the same job id, never with ":" or as a plain integer', () => {
    expect(JOBS.extract.jobId!({ postId: '42' })).toBe('extract-42');
    expect(JOBS.alert.jobId!({ eventId: 'claim.created:42' })).toBe('alert-claim.created_42');
    for (const name of JOB_NAMES) {
      const id = JOBS[name].jobId;
      if (!id) continue;
      const sample = { postId: '1', claimId: '1', eventId: 'x:1', deliveryId: '1' };
      const value = (id as (p: unknown) => string)(sample);
      expect(value).not.toContain(':');
      expect(/^\d+$/.test(value)).toBe(false);
    }
    expect(jobIdPart('a:b/c d')).toBe('a_b_c_d');
  });

  it('rejects a bad payload naming the job and the field', () => {
    expect(() => parsePayload('extract', { postId: 'abc' })).toThrow(/extract job payload invalid: postId: must be a numeric row id/);
    expect(() => parsePayload('poll', {})).toThrow(/poll job payload invalid: sourceId/);
    expect(parsePayload('match', { claimId: '7' })).toEqual({ claimId: '7' });
  });

  it('spreads scheduled retries around the Standard Webhooks schedule', () => {
    const delays = DELIVERY_SCHEDULE_MS.slice(1);
    expect(scheduledDelay(delays, 0.1, 1, () => 0.5)).toBe(5_000);
    expect(scheduledDelay(delays, 0.1, 2, () => 0)).toBe(270_000);
    expect(scheduledDelay(delays, 0.1, 2, () => 1)).toBe(330_000);
    // Past the end of the schedule the last delay repeats.
    expect(scheduledDelay(delays, 0, 50, () => 0.5)).toBe(36_000_000);
  });

  it('refuses to run with a job that has no handler', () => {
    expect(() => assertHandlers({ poll: async () => ({}) }, ['poll', 'extract'])).toThrow(/no handler for job\(s\) extract/);
  });
});
