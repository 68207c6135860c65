/**
 * Diagnostics: every problem found in data or templates, with its position.
 * Printed as `file:line:col CODE message`, sorted by file, line, column, code.
 */

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  /** Path relative to the project root, with forward slashes. */
  file: string;
  line: number;
  col: number;
  code: DiagnosticCode;
  message: string;
  severity: Severity;
}

/** Every diagnostic code; the README's "Errors" section documents each one. */
export const DIAGNOSTIC_CODES = [
  'YAML_SYNTAX',
  'YAML_DUPLICATE_KEY',
  'YAML_TAG',
  'YAML_ALIASES',
  'YAML_FORBIDDEN_KEY',
  'FILE_EMPTY',
  'FILE_TOO_LARGE',
  'FILE_ENCODING',
  'FILE_SYMLINK',
  'LOCALE_INVALID',
  'STRING_CONTROL_CHAR',
  'FILE_MISSING',
  'SCHEMA_MISSING_FIELD',
  'SCHEMA_UNKNOWN_FIELD',
  'SCHEMA_INVALID',
  'PROTOCOL_INVALID',
  'CODE_OUT_OF_RANGE',
  'CODE_FILE_NAME',
  'CODE_DUPLICATE',
  'CODE_UNREGISTERED',
  'CODE_DRAFT',
  'REGISTRY_MISMATCH',
  'REGISTRY_INCOMPLETE',
  'RELATED_UNKNOWN',
  'EQUIVALENT_UNKNOWN',
  'EQUIVALENT_DUPLICATE',
  'FACT_UNKNOWN_DIMENSION',
  'FACT_INVALID_VALUE',
  'FACT_MISSING',
  'LOCALE_UNKNOWN',
  'LOCALE_NOT_LISTED',
  'STRING_UNKNOWN_CODE',
  'STRING_UNKNOWN_KEY',
  'STRING_MISSING',
  'STRING_STALE',
  'ICU_SYNTAX',
  'ICU_PLACEHOLDERS',
  'ICU_PLURAL_CATEGORIES',
  'TYPOGRAPHY',
  'GLOSSARY_TOKEN',
  'GLOSSARY_TERM',
  'TEMPLATE_SYNTAX',
  'TEMPLATE_UNKNOWN_STRING',
  'TEMPLATE_UNKNOWN_HELPER',
  'TEMPLATE_UNKNOWN_PARTIAL',
  'TEMPLATE_UNESCAPED',
  'TEMPLATE_RENDER',
  'PROFILE_REFERENCE',
  'SLUG_COLLISION',
  'OVERRIDE_FILE_NAME',
  'OVERRIDE_FRONT_MATTER',
  'OVERRIDE_UNKNOWN_PAIR',
  'OVERRIDE_UNKNOWN_LOCALE',
  'OVERRIDE_UNKNOWN_SECTION',
  'OVERRIDE_MARKDOWN',
  'XLIFF_INVALID',
] as const;
export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number];

export function formatDiagnostic(d: Diagnostic): string {
  const tag = d.severity === 'warning' ? `${d.code} (warning)` : d.code;
  return `${d.file}:${d.line}:${d.col} ${tag} ${d.message}`;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.col - b.col ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

/** Collects diagnostics from every stage; nothing is written while it holds an error. */
export class DiagnosticBag {
  readonly items: Diagnostic[] = [];

  error(file: string, pos: Position, code: DiagnosticCode, message: string): void {
    this.items.push({ file, ...pos, code, message, severity: 'error' });
  }

  warning(file: string, pos: Position, code: DiagnosticCode, message: string): void {
    this.items.push({ file, ...pos, code, message, severity: 'warning' });
  }

  get errors(): Diagnostic[] {
    return this.items.filter((d) => d.severity === 'error');
  }

  get warnings(): Diagnostic[] {
    return this.items.filter((d) => d.severity === 'warning');
  }

  sorted(): Diagnostic[] {
    return [...this.items].sort(compareDiagnostics);
  }
}

export interface Position {
  line: number;
  col: number;
}

export const START: Position = { line: 1, col: 1 };

/** Thrown when a run must stop because of data or template errors (exit code 1). */
export class DataError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(`${diagnostics.length} data error(s)`);
  }
}

/** A command line that cannot be carried out (exit code 2). */
export class UsageError extends Error {}

/** Exit codes of every command, documented in the README. */
export const EXIT = { ok: 0, dataError: 1, usage: 2, io: 3 } as const;
