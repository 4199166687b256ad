import type { Locator, Page } from '@playwright/test';

/** The console's parts as the agreed accessible names reach them. */
export function feedTable(page: Page): Locator {
  return page.getByRole('table', { name: 'Purchase attempts' });
}

/** Attempt rows in the DOM (the feed is virtualized: only those in view and a few more). */
export function attemptRows(page: Page): Locator {
  return feedTable(page).locator('[role=row][data-attempt-id]');
}

export function attemptRow(page: Page, attemptId: string): Locator {
  return feedTable(page).locator(`[role=row][data-attempt-id="${attemptId}"]`);
}

export async function openTab(page: Page, name: 'Live feed' | 'Positions' | 'Blocked' | 'Settings' | 'History'): Promise<void> {
  await page.getByRole('tab', { name }).click();
}

/** One attempt row as the feed renders it. */
export interface FeedRowSeen {
  attemptId: string;
  mint: string;
  module: string;
  outcome: string;
  text: string;
}

// The root tsconfig has no DOM library (the engine must not see browser globals), so code
// that runs in the page names the few DOM members it uses.
interface ScrollBox {
  scrollTop: number;
  readonly scrollHeight: number;
  readonly clientHeight: number;
  querySelectorAll(selector: string): ArrayLike<{ getAttribute(name: string): string | null; textContent: string | null }>;
  parentElement: ScrollBox | null;
}
type PageGlobals = { getComputedStyle(el: unknown): { overflowY: string }; requestAnimationFrame(cb: () => void): void };

/**
 * Every row of the (virtualized) feed, read by scrolling it from top to bottom: the DOM
 * holds only the rows in view. Scrolling pauses the feed, so rows that arrive meanwhile
 * wait above instead of shifting what is being read.
 */
export async function scanFeed(page: Page): Promise<FeedRowSeen[]> {
  const rows = attemptRows(page);
  if ((await rows.count()) === 0) return [];
  return rows.first().evaluate(async (row) => {
    const g = globalThis as unknown as PageGlobals;
    let box = (row as unknown as ScrollBox).parentElement;
    while (box && !/(auto|scroll)/.test(g.getComputedStyle(box).overflowY)) box = box.parentElement;
    if (!box) throw new Error('the feed rows have no scrolling container');
    const frame = () => new Promise<void>((resolve) => g.requestAnimationFrame(() => resolve()));
    const seen = new Map<string, FeedRowSeen>();
    box.scrollTop = 0;
    await frame();
    // Bounded: the list may grow while read, never past a million pixels of rows.
    for (let step = 0; step < 100_000; step++) {
      await frame();
      await frame();
      for (const el of Array.from(box.querySelectorAll('[role=row][data-attempt-id]'))) {
        const attemptId = el.getAttribute('data-attempt-id')!;
        seen.set(attemptId, {
          attemptId,
          mint: el.getAttribute('data-mint') ?? '',
          module: el.getAttribute('data-module') ?? '',
          outcome: el.getAttribute('data-outcome') ?? '',
          text: el.textContent ?? '',
        });
      }
      if (box.scrollTop + box.clientHeight >= box.scrollHeight - 1) break;
      box.scrollTop += Math.max(1, Math.floor(box.clientHeight * 0.8));
    }
    return [...seen.values()];
  });
}

/** The feed's filter selects ("Module", "Outcome"); a name that starts with the label, in case the select's own text joins it. */
export function feedFilter(page: Page, label: 'Module' | 'Outcome'): Locator {
  return page.getByRole('combobox', { name: new RegExp(`^${label}\\b`) });
}

export type BlockedSection = 'Waiting for approval' | 'Filter failed' | 'Unknown outcome' | 'Bought' | 'Blocklist';

/** A section of the Blocked view: a region named by its heading (which ends in a count). */
export function blockedSection(page: Page, section: BlockedSection): Locator {
  return page.getByRole('region', { name: new RegExp(`^${section}\\b`) });
}

/** The entry of `mint` in a section of the Blocked view (entry rows carry data-mint). */
export function blockedEntry(page: Page, section: BlockedSection, mint: string): Locator {
  return blockedSection(page, section).locator(`[data-mint="${mint}"]`);
}
