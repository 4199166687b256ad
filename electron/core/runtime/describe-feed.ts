import type { FeedChoice } from './run-options.js';

/**
 * A URL as it may be printed: scheme and host only. RPC providers put API keys in the path
 * (`/v2/<key>`), the query string or the user info, and startup lines end up in logs and
 * bug reports.
 */
export function printableUrl(text: string): string {
  try {
    const url = new URL(text);
    const hidden = (url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.username !== '';
    return `${url.protocol}//${url.host}${hidden ? '/…' : ''}`;
  } catch {
    return '(invalid URL)';
  }
}

/** One line naming the feed and where it reads from, safe to print. */
export function describeFeed(choice: FeedChoice): string {
  switch (choice.kind) {
    case 'sim':
      return `sim (seed ${choice.seed}, ${choice.launchesPerSecond} launches/s)`;
    case 'pumpportal':
      return `pumpportal (${printableUrl(choice.url)}${choice.apiKey ? ', with API key' : ', no API key'})`;
    case 'rpc':
      return `rpc (${printableUrl(choice.rpcUrl)}${choice.wsUrl ? `, ws ${printableUrl(choice.wsUrl)}` : ''})`;
    case 'tape':
      return `tape (${choice.path}, ${choice.speed})`;
    default: {
      const never: never = choice;
      return String(never);
    }
  }
}
