import { useRef } from 'react';

export const tabs = [
  { id: 'feed', label: 'Live feed' },
  { id: 'positions', label: 'Positions' },
  { id: 'blocked', label: 'Blocked' },
  { id: 'settings', label: 'Settings' },
  { id: 'history', label: 'History' },
] as const;
export type TabId = (typeof tabs)[number]['id'];

export const tabId = (id: TabId): string => `tab-${id}`;
export const panelId = (id: TabId): string => `panel-${id}`;

/** The WAI-ARIA tabs pattern: arrow keys, Home and End move between tabs. */
export function Tabs({ current, onSelect }: { current: TabId; onSelect(tab: TabId): void }) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);

  function onKeyDown(event: React.KeyboardEvent, index: number): void {
    const last = tabs.length - 1;
    const next = { ArrowRight: index === last ? 0 : index + 1, ArrowLeft: index === 0 ? last : index - 1, Home: 0, End: last }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    onSelect(tabs[next]!.id);
    refs.current[next]?.focus();
  }

  return (
    <nav className="tabs" role="tablist" aria-label="Views">
      {tabs.map((tab, index) => (
        <button
          key={tab.id}
          ref={(el) => {
            refs.current[index] = el;
          }}
          type="button"
          role="tab"
          id={tabId(tab.id)}
          aria-selected={tab.id === current}
          aria-controls={panelId(tab.id)}
          tabIndex={tab.id === current ? 0 : -1}
          onClick={() => onSelect(tab.id)}
          onKeyDown={(event) => onKeyDown(event, index)}
        >
          {tab.label}
        </button>
      ))}
    </nav>
  );
}
