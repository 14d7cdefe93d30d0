/** A usage or configuration problem: the CLI prints `message` on one line and exits 2. */
// @ts-nocheck

export class ConfigError extends Error {
  readonly file?: string;
  readonly line?: number;
  constructor(message: string, where?: { file?: string; line?: number }) {
    const at = where?.file ? `${where.file}${where?.line ? `:${where.line}` : ''}: ` : '';
    super(`${at}${message}`);
    this.name = 'ConfigError';
    this.file = where?.file;
    this.line = where?.line;
  }
}
