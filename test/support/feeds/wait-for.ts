/** The feed tests' name for the one polling helper (vi.waitFor underneath). */
export { waitUntil as waitFor } from '../wait-until.js';
