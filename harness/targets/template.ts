import { readFile } from 'node:fs/promises';

/**
 * Fills `{{NAME}}` placeholders. An unknown or unfilled name is an error: a half-rendered server
 * configuration would fail later with a message about the server, not about the template.
 */
function renderTemplate(text: string, values: Readonly<Record<string, string | number>>, shown = 'template'): string {
  return text.replace(/\{\{([A-Z0-9_]+)\}\}/g, (_, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`${shown}: no value for {{${key}}}`);
    return String(value);
  });
}

export async function renderTemplateFile(file: string, values: Readonly<Record<string, string | number>>): Promise<string> {
  return renderTemplate(await readFile(file, 'utf8'), values, file);
}
