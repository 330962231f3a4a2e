// Entry point of the `kubelab` command line (DESIGN.md §6).
import { commands } from './commands';
import { UsageError } from './command';

function printHelp(): void {
  const lines = ['Usage: kubelab COMMAND [ARGS]', '', 'Commands:'];
  for (const cmd of Object.values(commands)) lines.push(`  ${cmd.usage.padEnd(44)} ${cmd.summary}`);
  console.log(lines.join('\n'));
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    printHelp();
    return name ? 0 : 1;
  }
  const command = commands[name];
  if (!command) {
    console.error(`kubelab: unknown command "${name}". Run \`kubelab help\` for the list.`);
    return 1;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`kubelab ${name}: ${err.message}\nUsage: kubelab ${command.usage}`);
      return 2;
    }
    const message = err instanceof Error ? err.message : String(err);
    console.error(`kubelab ${name}: ${message}`);
    if (process.env.KUBELAB_DEBUG && err instanceof Error) console.error(err.stack);
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  },
);
