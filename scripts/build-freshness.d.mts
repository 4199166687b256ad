/** Types of build-freshness.mjs, for the tests (the scripts are plain JS so `node` runs them). */
export function newestInput(inputs: readonly string[]): number;
export function isFresh(outputDir: string, inputs: readonly string[], marker?: string): boolean;
export function rendererInputs(root: string): string[];
