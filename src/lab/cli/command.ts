// One `kubelab` subcommand. `run` returns the process exit code; it prints
// its own output. Argument parsing stays inside each command: they differ.
export interface Command {
  usage: string;
  summary: string;
  run(args: string[]): Promise<number>;
}

/** Thrown for wrong arguments: the CLI prints the message and the command's usage. */
export class UsageError extends Error {}

/** Splits `--flag value`, `--flag=value` and bare `--switch` options from positional arguments. */
export function parseFlags(args: string[], switches: readonly string[] = []): { flags: Map<string, string>; positional: string[] } {
  const flags = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    if (eq >= 0) flags.set(name, arg.slice(eq + 1));
    else if (switches.includes(name)) flags.set(name, 'true');
    else {
      const value = args[i + 1];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      flags.set(name, value);
      i++;
    }
  }
  return { flags, positional };
}

export function requireFlag(flags: Map<string, string>, name: string): string {
  const value = flags.get(name);
  if (value === undefined || value === '') throw new UsageError(`--${name} is required`);
  return value;
}
