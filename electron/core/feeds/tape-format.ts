import { z } from 'zod';
import { feedEventSchema, type FeedEvent } from '../../../shared/feed-events.js';

/**
 * A tape is JSON lines: a header `{"tape":1,"feed":name,"startedAt":ms}`, then one line per
 * event `{"t":offsetMs,"e":event}` with the offset from `startedAt` at which it arrived.
 */
export const tapeHeaderSchema = z.object({
  tape: z.literal(1),
  feed: z.string().min(1).max(200),
  startedAt: z.number().int().nonnegative(),
});
export type TapeHeader = z.infer<typeof tapeHeaderSchema>;

export const tapeLineSchema = z.object({
  t: z.number().finite().nonnegative(),
  e: feedEventSchema,
});
export type TapeLine = z.infer<typeof tapeLineSchema>;

/** Longer lines are not events any feed produces: dropped without parsing. */
export const maxTapeLineChars = 256 * 1024;

export function encodeTapeHeader(header: TapeHeader): string {
  return `${JSON.stringify(header)}\n`;
}

export function encodeTapeLine(t: number, event: FeedEvent): string {
  return `${JSON.stringify({ t, e: event })}\n`;
}

export type ParsedTapeLine = { ok: true; line: TapeLine } | { ok: false; reason: string };

export function parseTapeLine(text: string): ParsedTapeLine {
  if (text.length > maxTapeLineChars) return { ok: false, reason: `line longer than ${maxTapeLineChars} characters` };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'line is not JSON' };
  }
  const parsed = tapeLineSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: `line does not match the tape schema: ${parsed.error.issues[0]?.message ?? 'invalid'}` };
  return { ok: true, line: parsed.data };
}

export function parseTapeHeader(text: string | undefined): TapeHeader | undefined {
  if (text === undefined || text.length > maxTapeLineChars) return undefined;
  try {
    const parsed = tapeHeaderSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
