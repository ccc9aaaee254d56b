/** The command-table rows of `caesium auth`: API keys and the audit log of a server (docs/security.md). */
import { helpText, type CommandSpec, type FlagSpec } from './command-spec.js';

const REMOTE: readonly FlagSpec[] = [
  { flags: '--server <url>', help: 'the caesium server (default http://localhost:8080)' },
  { flags: '--api-key <key>', help: 'API key (prefer CAESIUM_API_KEY: flags show in process listings)' },
  { flags: '--json', help: "print the server's JSON" },
];
const KEY_ID: FlagSpec = { flags: '--id <id>', help: 'the key (its id, as `auth key list` shows it)' };

export const AUTH_COMMANDS: CommandSpec[] = [
  { path: ['auth'], summary: "Manage a server's API keys and read its audit log (admin key)" },
  { path: ['auth', 'key'], summary: 'Create, list, revoke and rotate API keys' },
  {
    path: ['auth', 'key', 'create'],
    prints: 'lines',
    summary: 'Create an API key and print it once on stdout',
    flags: [
      { flags: '--role <role>', help: 'admin, operator, runner or viewer' },
      { flags: '--description <text>', help: 'what the key is for' },
      { flags: '--scope-jobs <alias>', help: 'limit the key to this job (repeatable)', repeatable: true },
      { flags: '--expires-in <duration>', help: 'expire after this long (30d, 12h)' },
      ...REMOTE,
    ],
    details: helpText('', 'Examples:', '  $ CAESIUM_API_KEY=$ADMIN caesium auth key create --role viewer --description dashboard'),
    run: async (flags, io) => (await import('./remote/auth-keys.js')).keyCreate(flags, io),
  },
  {
    path: ['auth', 'key', 'list'],
    prints: 'table',
    summary: 'List API keys, newest first (never their secret part)',
    flags: [...REMOTE],
    run: async (flags, io) => (await import('./remote/auth-keys.js')).keyList(flags, io),
  },
  {
    path: ['auth', 'key', 'revoke'],
    prints: 'lines',
    summary: 'Revoke an API key at once',
    flags: [KEY_ID, ...REMOTE],
    run: async (flags, io) => (await import('./remote/auth-keys.js')).keyRevoke(flags, io),
  },
  {
    path: ['auth', 'key', 'rotate'],
    prints: 'lines',
    summary: 'Replace an API key: print the new one; the old one works until the grace period ends',
    flags: [KEY_ID, { flags: '--grace-period <duration>', help: 'how long the old key keeps working (default 24h)' }, ...REMOTE],
    run: async (flags, io) => (await import('./remote/auth-keys.js')).keyRotate(flags, io),
  },
  {
    path: ['auth', 'audit'],
    prints: 'table',
    summary: 'Show the audit log: mutating requests and failed authentications, newest first',
    flags: [
      { flags: '--since <time>', help: 'entries at or after this RFC 3339 time' },
      { flags: '--actor <prefix>', help: 'entries of this key prefix (or anonymous)' },
      { flags: '--action <action>', help: 'entries of this action (`POST /v1/jobdefs/apply`, auth.failed)' },
      { flags: '--limit <n>', help: 'at most this many entries (default 100)' },
      ...REMOTE,
    ],
    run: async (flags, io) => (await import('./remote/auth-keys.js')).authAudit(flags, io),
  },
];
