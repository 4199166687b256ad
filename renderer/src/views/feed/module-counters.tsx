import { useStore } from 'zustand';
import { moduleIds, type Requester } from '../../../../shared/domain.js';
import { formatSol } from '../../components/format.js';
import { useAppState } from '../../state/app-context.js';

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
              <span className={`module-tag m-${module}`}>{module}</span>
              {module !== 'manual' && !enabled ? <span className="muted"> off</span> : null}
            </div>
            <dl>
              <dt>attempts</dt>
              <dd>{(c?.attempts ?? 0).toLocaleString()}</dd>
              <dt>bought</dt>
              <dd className="tone-good">{(c?.bought ?? 0).toLocaleString()}</dd>
              <dt>blocked</dt>
              <dd>{(c?.blocked ?? 0).toLocaleString()}</dd>
              <dt>failed</dt>
              <dd className="tone-bad">{(c?.failed ?? 0).toLocaleString()}</dd>
              <dt>unknown</dt>
              <dd className="tone-warn">{(c?.unknown ?? 0).toLocaleString()}</dd>
              <dt>SOL</dt>
              <dd>{formatSol(c?.sol ?? 0)}</dd>
            </dl>
          </div>
        );
      })}
    </section>
  );
}
