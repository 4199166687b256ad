/**
 * A structural check of untrusted input that runs before any schema sees it. The schemas
 * say what a command accepts; this says what no command ever accepts: keys that reach
 * prototypes, class instances (structured clone over IPC carries Maps, Dates, typed
 * arrays, BigInts), non-finite numbers, and sizes meant to exhaust memory or the stack.
 */

export interface PayloadLimits {
  maxDepth: number;
  maxNodes: number;
  maxStringLength: number;
  /** Sum of all string lengths, keys included. */
  maxTotalChars: number;
}

export const defaultPayloadLimits: PayloadLimits = {
  maxDepth: 16,
  maxNodes: 10_000,
  maxStringLength: 16_384,
  maxTotalChars: 1_000_000,
};

const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Returns why the payload is refused, or null when it is plain JSON data within limits. */
export function payloadProblem(root: unknown, limits: PayloadLimits = defaultPayloadLimits): string | null {
  // Iterative, so a deeply nested payload cannot overflow our own stack before we refuse it.
  const stack: { value: unknown; depth: number }[] = [{ value: root, depth: 0 }];
  let nodes = 0;
  let chars = 0;
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    if (++nodes > limits.maxNodes) return `too many values (over ${limits.maxNodes})`;
    if (value === null || value === undefined || typeof value === 'boolean') continue;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) return 'numbers must be finite';
      continue;
    }
    if (typeof value === 'string') {
      if (value.length > limits.maxStringLength) return `string longer than ${limits.maxStringLength} characters`;
      chars += value.length;
      if (chars > limits.maxTotalChars) return `payload larger than ${limits.maxTotalChars} characters`;
      continue;
    }
    if (typeof value !== 'object') return `unsupported value of type ${typeof value}`;
    if (depth >= limits.maxDepth) return `nested deeper than ${limits.maxDepth} levels`;
    // Refuse wide containers before walking them, so the walk itself stays bounded.
    const width = Array.isArray(value) ? value.length : Object.keys(value).length;
    if (nodes + stack.length + width > limits.maxNodes) return `too many values (over ${limits.maxNodes})`;
    if (Array.isArray(value)) {
      for (const item of value as unknown[]) stack.push({ value: item, depth: depth + 1 });
      continue;
    }
    if (!isPlainObject(value)) return 'only plain objects and arrays are accepted';
    for (const key of Object.keys(value)) {
      if (forbiddenKeys.has(key)) return `forbidden key "${key}"`;
      chars += key.length;
      if (key.length > limits.maxStringLength || chars > limits.maxTotalChars) return 'keys too long';
      stack.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1 });
    }
  }
  return null;
}
