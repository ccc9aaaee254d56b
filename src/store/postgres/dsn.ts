/** `CAESIUM_DATABASE_DSN`: a `postgres://` URI or libpq `key=value` pairs, and its form for messages. */

/** The `pg` connection settings a DSN names: a URI passes through, `key=value` pairs become fields. */
export function pgConnectionOf(dsn: string): Record<string, unknown> {
  const trimmed = dsn.trim();
  if (/^postgres(ql)?:\/\//i.test(trimmed)) return { connectionString: trimmed };
  const out: Record<string, unknown> = {};
  for (const [, key, quoted, bare] of trimmed.matchAll(/(\w+)\s*=\s*(?:'((?:[^'\\]|\\.)*)'|(\S*))/g)) {
    const value = quoted === undefined ? (bare ?? '') : quoted.replace(/\\(.)/g, '$1');
    if (key === 'sslmode') {
      // disable, allow and prefer connect in clear text; require encrypts; verify-* also checks the certificate.
      if (value === 'require') out.ssl = { rejectUnauthorized: false };
      else if (value.startsWith('verify')) out.ssl = true;
      continue;
    }
    const name = key === 'dbname' ? 'database' : (key ?? '');
    out[name] = name === 'port' ? Number(value) : value;
  }
  return out;
}

/** The DSN with its password replaced by `***`, for logs and errors. */
export function redactDsn(dsn: string): string {
  const trimmed = dsn.trim();
  if (!/^postgres(ql)?:\/\//i.test(trimmed)) return trimmed.replace(/(password\s*=\s*)('(?:[^'\\]|\\.)*'|\S*)/gi, '$1***');
  try {
    const url = new URL(trimmed);
    if (url.password !== '') url.password = '***';
    return url.toString();
  } catch {
    return '(a DSN that is not a valid URI)';
  }
}
