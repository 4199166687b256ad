import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commands, type CommandName } from '../../../shared/contract.js';
import { dispatch } from '../../../electron/host/dispatch.js';
import { payloadProblem } from '../../../electron/host/payload-guard.js';
import { fakeEngine, sampleAttempt, testMint } from './fake-engine.js';

const names = Object.keys(commands) as CommandName[];

function nested(depth: number): unknown {
  let value: unknown = {};
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

describe('dispatch', () => {
  it('answers unknown-command for names outside the contract, including inherited ones', async () => {
    const engine = fakeEngine();
    for (const name of ['nope', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 42, null, undefined, {}]) {
      const result = await dispatch(engine.port.handlers, name, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown-command' } });
    }
    expect(engine.calls).toEqual([]);
  });

  it('hands the handler the parsed input, defaults applied', async () => {
    const engine = fakeEngine();
    const result = await dispatch(engine.port.handlers, 'attempts.recent', {});
    expect(result.ok).toBe(true);
    expect(engine.calls).toEqual([{ name: 'attempts.recent', input: { limit: 500 } }]);
  });

  it('treats a missing input as an empty object', async () => {
    const engine = fakeEngine();
    expect(await dispatch(engine.port.handlers, 'status.get', undefined)).toMatchObject({ ok: true });
  });

  it('names the failing field in a bad-request', async () => {
    const engine = fakeEngine();
    const result = await dispatch(engine.port.handlers, 'module.update', { module: 'sniper', patch: { solAmount: -1 } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('bad-request');
    expect(result.error.message).toMatch(/^module\.update: ✖ Too small: .*\n {2}→ at patch\.solAmount$/);
    expect(engine.calls).toEqual([]);
  });

  it('rejects unknown keys on strict inputs', async () => {
    const engine = fakeEngine();
    const result = await dispatch(engine.port.handlers, 'killSwitch.set', { on: true, extra: 1 });
    expect(result).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it.each([
    ['__proto__ key', JSON.parse(`{"module":"sniper","patch":{"filters":{"__proto__":{"polluted":1}}}}`)],
    ['constructor key', { module: 'sniper', patch: { filters: { constructor: { prototype: { polluted: 1 } } } } }],
    ['huge string', { module: 'sniper', patch: { filters: { x: 'x'.repeat(10_000_000) } } }],
    ['deep nesting', { module: 'sniper', patch: { filters: nested(100_000) as object } }],
    ['wide array', { module: 'sniper', patch: { filters: { x: new Array(2_000_000).fill(0) } } }],
    ['BigInt', { module: 'sniper', patch: { filters: { x: 10n } } }],
    ['Map', { module: 'sniper', patch: { filters: { x: new Map([[1, 2]]) } } }],
    ['Date', { module: 'sniper', patch: { filters: { x: new Date(0) } } }],
    ['typed array', { module: 'sniper', patch: { filters: { x: new Uint8Array(64) } } }],
    ['function', { module: 'sniper', patch: { filters: { x: () => 1 } } }],
    ['NaN', { module: 'sniper', patch: { filters: { x: Number.NaN } } }],
    ['non-object input', 'hello'],
    ['array input', [1, 2, 3]],
  ])('rejects a hostile payload cleanly: %s', async (_label, input) => {
    const engine = fakeEngine();
    const result = await dispatch(engine.port.handlers, 'module.update', input);
    expect(result).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(engine.calls).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('answers bad-request when reading the input itself throws', async () => {
    const engine = fakeEngine();
    const trap = new Proxy({}, { ownKeys: () => { throw new Error('trap'); } });
    expect(await dispatch(engine.port.handlers, 'status.get', trap)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('reports a thrown error as failed: one line, no stack, key material redacted', async () => {
    const secret = '5'.repeat(30) + 'KJ3nbDmxH4fV9sGq'.repeat(4);
    const engine = fakeEngine({
      'killSwitch.set': () => {
        throw new Error(`cannot sign with ${secret}\n    at Object.<anonymous> (/app/x.ts:1:1)`);
      },
    });
    const result = await dispatch(engine.port.handlers, 'killSwitch.set', { on: true });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toEqual({ code: 'failed', message: 'cannot sign with [redacted]' });
  });

  it('reports a thrown non-Error and a rejected promise as failed', async () => {
    const engine = fakeEngine({
      'blocklist.add': () => { throw { weird: true }; },
      'blocklist.remove': () => Promise.reject(new Error('store unreadable')),
    });
    expect(await dispatch(engine.port.handlers, 'blocklist.add', { address: testMint })).toEqual({
      ok: false,
      error: { code: 'failed', message: 'command failed' },
    });
    expect(await dispatch(engine.port.handlers, 'blocklist.remove', { address: testMint })).toEqual({
      ok: false,
      error: { code: 'failed', message: 'store unreadable' },
    });
  });

  it('strips fields the output schema does not name', async () => {
    const engine = fakeEngine({ 'killSwitch.set': () => ({ ok: true, secretKey: 'leak' }) as never });
    expect(await dispatch(engine.port.handlers, 'killSwitch.set', { on: false })).toEqual({ ok: true, value: { ok: true } });
  });

  it('turns a malformed output into failed, unless output validation is off', async () => {
    const engine = fakeEngine({ 'status.get': () => ({ nope: 1 }) as never });
    const checked = await dispatch(engine.port.handlers, 'status.get', {});
    expect(checked).toMatchObject({ ok: false, error: { code: 'failed' } });
    const unchecked = await dispatch(engine.port.handlers, 'status.get', {}, { validateOutput: false });
    expect(unchecked).toEqual({ ok: true, value: { nope: 1 } });
  });

  it('never throws and never calls a handler with unparsed input (fuzzed)', async () => {
    const hostileKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'on', 'module', 'patch', 'limit');
    const hostileObject = fc.dictionary(fc.oneof(hostileKey, fc.string()), fc.anything(), { maxKeys: 4 });
    const input = fc.oneof(
      fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withNullPrototype: true, withSparseArray: true }),
      fc.jsonValue().map((v) => JSON.parse(JSON.stringify(v)) as unknown),
      hostileObject,
      fc.record({ module: fc.constantFrom('sniper', 'volume', 'x'), patch: hostileObject }),
      // module.update's filters are an open record: the schema alone would let anything through.
      fc.record({ module: fc.constant('sniper'), patch: fc.record({ filters: hostileObject }) }),
      fc.jsonValue().map((v) => JSON.parse(`{"on":true,"__proto__":${JSON.stringify(v)}}`) as unknown),
      // Near-valid inputs, so handlers do get called and the property below has something to check.
      fc.constant({}),
      fc.record({ on: fc.oneof(fc.boolean(), fc.anything()) }),
      fc.record({ limit: fc.oneof(fc.integer(), fc.double()) }, { requiredKeys: [] }),
    );
    let handled = 0;
    const name = fc.oneof(fc.constantFrom<unknown>(...names, '__proto__', 'toString', ''), fc.anything());
    await fc.assert(
      fc.asyncProperty(name, input, async (n, i) => {
        const engine = fakeEngine();
        const result = await dispatch(engine.port.handlers, n, i);
        expect(typeof result.ok).toBe('boolean');
        handled += engine.calls.length;
        for (const call of engine.calls) {
          expect(commands[call.name].input.safeParse(call.input).success).toBe(true);
          expect(payloadProblem(call.input)).toBeNull();
          expect(call.input).not.toBe(i);
        }
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 2_000 },
    );
    expect(handled).toBeGreaterThan(50);
  });
});

describe('dispatch: the session commands', () => {
  it.each([
    ['a negative afterSeq', { afterSeq: -1 }],
    ['a fractional afterSeq', { afterSeq: 1.5 }],
    ['an afterSeq past the safe integers', { afterSeq: 2 ** 60 }],
    ['a string afterSeq', { afterSeq: '5' }],
    ['no afterSeq', {}],
    ['an extra key', { afterSeq: 1, all: true }],
    ['an empty instanceId', { afterSeq: 1, instanceId: '' }],
    ['a huge instanceId', { afterSeq: 1, instanceId: 'i'.repeat(10_000) }],
    ['an array', [1]],
    ['a prototype key', JSON.parse('{"afterSeq":1,"__proto__":{"x":1}}')],
    ['Infinity', { afterSeq: Infinity }],
  ])('events.since refuses %s before the engine sees it', async (_what, input) => {
    const engine = fakeEngine();
    const result = await dispatch(engine.port.handlers, 'events.since', input);
    expect(result).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    if (!result.ok) expect(result.error.message).toMatch(/^events\.since: /);
    expect(engine.calls).toEqual([]);
  });

  it.each([[{ seq: 1 }], [{ attempts: 5000 }], [[]], ['x'], [null]])('session.snapshot refuses any input but {}: %j', async (input) => {
    const engine = fakeEngine();
    expect(await dispatch(engine.port.handlers, 'session.snapshot', input)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(engine.calls).toEqual([]);
  });

  it('answers events.since with the missed events, or a gap once they are gone', async () => {
    const engine = fakeEngine({}, { ringSize: 3 });
    for (let i = 0; i < 5; i++) engine.emit('attempt', sampleAttempt(`a${i}`));
    const recent = await dispatch(engine.port.handlers, 'events.since', { afterSeq: 3 });
    expect(recent).toMatchObject({ ok: true, value: { events: [{ seq: 4 }, { seq: 5 }] } });
    expect(await dispatch(engine.port.handlers, 'events.since', { afterSeq: 1 })).toEqual({ ok: true, value: { gap: true } });
  });

  it('refuses an engine answer that breaks the contract (a malformed pushed event)', async () => {
    const engine = fakeEngine({ 'events.since': () => ({ events: [{ seq: 1, name: 'attempt', payload: { attemptId: 1 } }] }) as never });
    expect(await dispatch(engine.port.handlers, 'events.since', { afterSeq: 0 })).toMatchObject({ ok: false, error: { code: 'failed' } });
  });
});

describe('payloadProblem', () => {
  it('accepts plain JSON data and null-prototype objects', () => {
    expect(payloadProblem({ a: [1, 'b', null, true, { c: {} }] })).toBeNull();
    expect(payloadProblem(Object.assign(Object.create(null) as object, { a: 1 }))).toBeNull();
  });

  it('refuses at the configured limits', () => {
    const limits = { maxDepth: 2, maxNodes: 5, maxStringLength: 3, maxTotalChars: 6 };
    expect(payloadProblem({ a: { b: 1 } }, limits)).toBeNull();
    expect(payloadProblem({ a: { b: { c: 1 } } }, limits)).toMatch(/deeper/);
    expect(payloadProblem([1, 2, 3, 4, 5], limits)).toMatch(/too many/);
    expect(payloadProblem('abcd', limits)).toMatch(/longer/);
    expect(payloadProblem(['abc', 'abc', 'a'], limits)).toMatch(/larger/);
  });
});
