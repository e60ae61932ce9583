import { mutants } from '../fixtures/reference/mutants.js';

export type MutantsFormat = 'text' | 'json';

/** The reference server's mutants with the checks each one must make fail. */
export function renderMutants(format: MutantsFormat): string {
  if (format === 'json') {
    return JSON.stringify(mutants.map((m) => ({ name: m.name, description: m.description, kills: m.kills, nonStrict: m.nonStrict ?? [] })), null, 2) + '\n';
  }
  const lines = mutants.map((m) => {
    const parts = [m.name, `  ${m.description}`];
    if (m.kills.length) parts.push(`  fails:      ${m.kills.join(', ')}`);
    if (m.nonStrict?.length) parts.push(`  non-strict: ${m.nonStrict.join(', ')}`);
    return parts.join('\n');
  });
  return lines.join('\n') + `\n\n${mutants.length} mutants\n`;
}
