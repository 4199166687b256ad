import type { z } from 'zod';

const plural = (n: number, word: string): string => `${n.toLocaleString()} ${word}${n === 1 ? '' : 's'}`;

/**
 * A schema issue as the sentence a trader reads under the field. The schemas' own custom
 * messages (bad regex, not an address) are already sentences; the built-in ones name
 * types and bounds in programmer's words, so they are reworded here.
 */
export function issueText(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? 'must not be empty' : `must be at least ${plural(min, 'character')}`;
      if (issue.origin === 'array') return `needs at least ${plural(min, 'entry')}`;
      if (min === 0) return issue.inclusive ? 'must not be negative' : 'must be more than 0';
      return issue.inclusive ? `must be at least ${min.toLocaleString()}` : `must be more than ${min.toLocaleString()}`;
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return `must be at most ${plural(max, 'character')}`;
      if (issue.origin === 'array') return `at most ${plural(max, 'entry')}`;
      return issue.inclusive ? `must be at most ${max.toLocaleString()}` : `must be less than ${max.toLocaleString()}`;
    }
    case 'invalid_type':
      if (issue.expected === 'int') return 'must be a whole number';
      if (issue.expected === 'number') return 'must be a number';
      return `must be a ${issue.expected}`;
    case 'unrecognized_keys':
      return `unknown setting: ${issue.keys.join(', ')}`;
    default:
      return issue.message;
  }
}
