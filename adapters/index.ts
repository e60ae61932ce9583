/**
 * `import … from 'smtpspec'`: run the suite from code. The command line is `npx smtpspec`; the
 * vitest adapter is `smtpspec/vitest`.
 */
export { runConformance, selectConformanceChecks } from './conformance.js';
export type { ConformanceOptions, ConformanceTarget, StartedTarget } from './conformance.js';
export type { CheckResult, Grade, RunReport, Summary, TargetInfo } from '../harness/result.js';
export type { Check, Level } from '../harness/check.js';
export { VERSION } from '../harness/version.js';
