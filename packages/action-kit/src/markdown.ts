/** Small Markdown builders for step summaries: tables that survive pipes and newlines in their cells. */
export function cell(value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  const text =
    typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

export function table(headers: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const head = `| ${headers.map(cell).join(' | ')} |`;
  const rule = `| ${headers.map(() => '---').join(' | ')} |`;
  return [head, rule, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n') + '\n';
}

export function heading(text: string, level = 2): string {
  return `${'#'.repeat(level)} ${text}\n\n`;
}

export function code(text: string): string {
  return '`' + text.replace(/`/g, 'ˋ') + '`';
}
