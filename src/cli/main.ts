#!/usr/bin/env node
import type { CommandTable } from './run-cli.js';
import { runCli } from './run-cli.js';

/** Every subcommand, loaded on demand: adding one is one line here. */
const COMMANDS: CommandTable = {
  serve: {
    summary: 'start the emulator (flags below; stops gracefully on SIGINT or SIGTERM)',
    load: async () => (await import('./serve-command.js')).runServe,
  },
  config: {
    summary: 'print the effective configuration as YAML (same flags as serve)',
    load: async () => (await import('./config-command.js')).runConfig,
  },
};

const io = { stdout: process.stdout, stderr: process.stderr, env: process.env };

process.exitCode = await runCli(process.argv.slice(2), io, COMMANDS);
