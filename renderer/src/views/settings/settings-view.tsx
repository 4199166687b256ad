import { useStore } from 'zustand';
import { moduleIds } from '../../../../shared/domain.js';
import { BlocklistEditor } from '../../components/blocklist-editor.js';
import { useAppState } from '../../state/app-context.js';
import { ExecutionForm } from './execution-form.js';
import { LimitsForm } from './limits-form.js';
import { ModuleForm } from './module-form.js';

/** Modules (with their exit rules), limits, execution and the blocklist. The kill switch lives in the header, always in view. */
export function SettingsView() {
  const { settings } = useAppState();
  const current = useStore(settings, (s) => s.settings);
  if (!current) return <p className="empty">Waiting for the engine's settings…</p>;
  return (
    <div className="settings-view">
      <h2>Modules</h2>
      <div className="settings-grid">
        {moduleIds.map((module) => {
          const moduleSettings = current.modules[module];
          return moduleSettings ? <ModuleForm key={module} module={module} settings={moduleSettings} /> : null;
        })}
      </div>
      <LimitsForm limits={current.limits} />
      <ExecutionForm execution={current.execution} revision={current.revision} />
      <BlocklistEditor />
    </div>
  );
}
