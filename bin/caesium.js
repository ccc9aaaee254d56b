#!/usr/bin/env node
// The caesium CLI. Compiled sources live in dist/ (`npm run build`).
import { main } from '../dist/src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
