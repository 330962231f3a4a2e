// Command-line flags in Kubernetes' `--name=value` style.
export function parseComponentFlags(argv: string[]): Map<string, string> {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) continue;
    const eq = arg.indexOf('=');
    if (eq > 0) flags.set(arg.slice(2, eq), arg.slice(eq + 1));
    else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) flags.set(arg.slice(2), argv[++i]!);
    else flags.set(arg.slice(2), 'true');
  }
  return flags;
}

export function flag(flags: Map<string, string>, name: string, fallback?: string): string {
  const value = flags.get(name) ?? fallback;
  if (value === undefined) throw new Error(`--${name} is required`);
  return value;
}
