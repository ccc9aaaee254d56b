/**
 * The command line as a function: `runCli(argv, io)` runs one `caesium …`
 * command, exactly as the `caesium` binary does (which is a thin shell over
 * it), with output on the streams you give, and resolves to its exit code
 * (0 ok, 1 a check or run failed, 2 a usage or configuration error).
 *
 * ```ts
 * import { Writable } from 'node:stream';
 * import { createIo, runCli } from 'caesium/cli';
 *
 * let json = '';
 * const out = new Writable({ write: (chunk, _encoding, done) => ((json += String(chunk)), done()) });
 * const code = await runCli(['job', 'lint', '--path', 'jobs/', '--format', 'json'], createIo({ out, err: process.stderr }));
 * console.log(code, JSON.parse(json).summary);
 * ```
 *
 * @module
 */
export { runCli, packageVersion } from './main.js';
export { createIo, processIo, type Io, type IoStreams } from './io.js';
