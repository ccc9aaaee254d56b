#!/usr/bin/env node
// The caesium CLI. Compiled sources live in dist/ (`npm run build`).
import { runCli } from '../dist/src/cli/index.js';

// A reader that stops early (`caesium job schema | head`) closes the pipe: the
// rest of the output has nowhere to go, which is not an error of the command.
// Further writes are dropped and the command still finishes and cleans up.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
  });
}

process.exitCode = await runCli(process.argv.slice(2));
