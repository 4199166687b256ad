/** A module's name as a coloured tag, the same in every view (the colour comes from `m-<module>`). */
export function ModuleTag({ module }: { module: string }) {
  return <span className={`module-tag m-${module}`}>{module}</span>;
}
