import { useStore } from 'zustand';
import { moduleIds, type Requester } from '../../../../shared/domain.js';
import { formatSol } from '../../components/format.js';
import { useAppState } from '../../state/app-context.js';
import { ModuleTag } from '../../components/module-tag.js';

const shown: Requester[] = [...moduleIds, 'manual'];

/** Per module since this console opened: attempts, bought (and SOL), blocked, failed, unknown. */
export function ModuleCounters() {
  const { attempts, settings } = useAppState();
  const counters = useStore(attempts, (s) => s.counters);
  const modules = useStore(settings, (s) => s.settings?.modules);
  return (
    <section className="counters" aria-label="Module counters">
      {shown.map((module) => {
        const c = counters[module];
        if (module === 'manual' && !c) return null;
        const enabled = module === 'manual' ? true : (modules?.[module]?.enabled ?? false);
        return (
          <div key={module} className={`counter ${enabled ? '' : 'off'}`} data-module={module}>
            <div className="counter-title">
              <ModuleTag module={module} />
              {module !== 'manual' && !enabled ? <span className="muted"> off</span> : null}
            </div>
            <dl>
              <Stat label="attempts" value={(c?.attempts ?? 0).toLocaleString()} />
              <Stat label="bought" value={(c?.bought ?? 0).toLocaleString()} tone="tone-good" />
              <Stat label="SOL" value={formatSol(c?.sol ?? 0)} />
              <Stat label="blocked" value={(c?.blocked ?? 0).toLocaleString()} />
              <Stat label="failed" value={(c?.failed ?? 0).toLocaleString()} tone="tone-bad" />
              <Stat label="unknown" value={(c?.unknown ?? 0).toLocaleString()} tone="tone-warn" />
            </dl>
          </div>
        );
      })}
    </section>
  );
}

function Stat({ label, value, tone = '' }: { label: string; value: string; tone?: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd className={tone}>{value}</dd>
    </div>
  );
}
