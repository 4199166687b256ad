import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import { pushedEventSchema } from '../../../shared/contract.js';
import type { PushedEvent } from '../../../shared/wire.js';
import { sampleAttempt } from '../host/fake-engine.js';

describe('shared/wire PushedEvent', () => {
  it('is the type the contract schema parses (one definition, checked by tsc)', () => {
    expectTypeOf<z.output<typeof pushedEventSchema>>().toEqualTypeOf<PushedEvent>();
    const event: PushedEvent = { seq: 7, name: 'attempt', payload: sampleAttempt('a1') };
    expect(pushedEventSchema.parse(event)).toEqual(event);
  });

  it('refuses an event without a usable seq or with a payload of another event', () => {
    expect(pushedEventSchema.safeParse({ name: 'attempt', payload: sampleAttempt('a1') }).success).toBe(false);
    expect(pushedEventSchema.safeParse({ seq: -1, name: 'attempt', payload: sampleAttempt('a1') }).success).toBe(false);
    expect(pushedEventSchema.safeParse({ seq: 1, name: 'blocked', payload: sampleAttempt('a1') }).success).toBe(false);
    expect(pushedEventSchema.safeParse({ seq: 1, name: 'blocked', payload: [] }).success).toBe(true);
  });
});
