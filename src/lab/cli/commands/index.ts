// The table of `kubelab` subcommands. Each lives in its own file.
import type { Command } from '../command';

export const commands: Record<string, Command> = {};
