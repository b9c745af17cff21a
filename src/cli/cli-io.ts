/** Somewhere text can be written: process.stdout, or a collector in tests. */
export interface TextSink {
  write(text: string): unknown;
}

/** What a subcommand may touch of the outside world; main.ts passes the real process. */
export interface CliIo {
  stdout: TextSink;
  stderr: TextSink;
  env: NodeJS.ProcessEnv;
}

/** A subcommand: takes the arguments after its name, resolves to the exit code. */
export type CommandRun = (argv: string[], io: CliIo) => Promise<number>;
