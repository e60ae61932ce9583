import { buildCli } from './cli.js';

/**
 * Builds dist/ once, before any test file runs: the CLI, CI-example and packaging tests run the
 * built CLI, and building in each of them raced with the others' runs (half-written modules).
 */
export default function setup(): void {
  buildCli();
}
