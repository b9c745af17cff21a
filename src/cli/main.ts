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
  swarm: {
    summary: 'drive one emulated servo per application against a backend, then report',
    load: async () => (await import('./swarm-command.js')).runSwarm,
  },
  demo: {
    summary: 'start an emulator in-process and run a 5,000-app swarm against it for 10 s',
    load: async () => (await import('./demo-command.js')).runDemo,
  },
};

const io = { stdout: process.stdout, stderr: process.stderr, env: process.env };

process.exitCode = await runCli(process.argv.slice(2), io, COMMANDS);
