import type { z } from 'zod';

/**
 * Parses an array response item by item, so one odd entry does not cost the whole list.
 * Returns the good items and how many were bad (a non-array body counts as one bad item).
 */
export function parseItems<T>(body: unknown, schema: z.ZodType<T>): { items: T[]; bad: number } {
  if (!Array.isArray(body)) return { items: [], bad: 1 };
  const items: T[] = [];
  let bad = 0;
  for (const raw of body.slice(0, 1_000)) {
    const parsed = schema.safeParse(raw);
    if (parsed.success) items.push(parsed.data);
    else bad++;
  }
  return { items, bad };
}
