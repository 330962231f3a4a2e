// Which terminal panes are on screen, so that something other than the
// terminal area (the lesson panel) can type into a host's terminal and hear
// the learner press Enter there. Panes register themselves; nothing here
// touches the engine.
import type { TerminalTarget, Unsubscribe } from '../../shared/api';

export interface PaneHandle {
  /** The terminal item's key in the workspace. */
  key: number;
  target: TerminalTarget;
  /** As a paste: the shell's bracketed paste keeps it from running before Enter. */
  paste(text: string): void;
  focus(): void;
  /** Resolves once the shell has printed something (its prompt). */
  ready: Promise<void>;
}

type InputListener = (target: TerminalTarget, data: string) => void;

export class TerminalRegistry {
  private readonly panes = new Map<number, PaneHandle>();
  private readonly waiting = new Map<number, ((h: PaneHandle) => void)[]>();
  private readonly inputs = new Set<InputListener>();

  register(handle: PaneHandle): Unsubscribe {
    this.panes.set(handle.key, handle);
    for (const resolve of this.waiting.get(handle.key) ?? []) resolve(handle);
    this.waiting.delete(handle.key);
    return () => {
      if (this.panes.get(handle.key) === handle) this.panes.delete(handle.key);
    };
  }

  /** The pane of a terminal item, once it is mounted. */
  pane(key: number): Promise<PaneHandle> {
    const h = this.panes.get(key);
    if (h) return Promise.resolve(h);
    return new Promise((resolve) => this.waiting.set(key, [...(this.waiting.get(key) ?? []), resolve]));
  }

  /** What the learner typed into a terminal (keys, pastes), as the terminal sends it on. */
  input(target: TerminalTarget, data: string): void {
    for (const l of [...this.inputs]) l(target, data);
  }

  onInput(listener: InputListener): Unsubscribe {
    this.inputs.add(listener);
    return () => void this.inputs.delete(listener);
  }
}

/** The learner pressed Enter (a paste that holds a newline is not a key press). */
export const isEnter = (data: string) => data.includes('\r') && !data.startsWith('\x1b[200~');
