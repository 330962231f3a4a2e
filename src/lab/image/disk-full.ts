// A full disk during `kubelab image build`: recognising it in an error or in
// the build's output, and the one message the user gets. Pure: no I/O.

/** Where the space ran out: the machine's own disk (debootstrap, kubectl, the build context) or Docker's data root. */
export type DiskFullPlace = { side: 'host'; path: string } | { side: 'docker'; dataRoot?: string };

export interface DiskFull {
  place: DiskFullPlace;
  /** What the build was doing, e.g. "making the Debian base with debootstrap". */
  step: string;
  /** What could not be removed afterwards; empty when nothing half-made was kept. */
  leftovers: string[];
}

/** Free space a fresh build needs, with room to spare: the debootstrap tree and its import; the recipe's layers, context and apt downloads. */
export const NEEDED_GB = { host: 1, docker: 2 } as const;

// errno 28 as the C library, Node, Go (Docker), apt, dpkg, wget and xz spell it,
// and apt's own check before it downloads.
const PATTERNS = [/no space left on device/i, /\bENOSPC\b/, /\(28: No space/i, /you don't have enough free space in/i];

const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;

export function isDiskFull(text: string): boolean {
  const plain = text.replace(ANSI, '');
  return PATTERNS.some((p) => p.test(plain));
}

/** Everything an error says about itself: message, errno code, and output a command left on it. */
export function errorText(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const extra = err as Error & { code?: unknown; output?: unknown; json?: unknown };
  return [err.message, typeof extra.code === 'string' ? extra.code : '', typeof extra.output === 'string' ? extra.output : '', typeof extra.json === 'object' && extra.json ? JSON.stringify(extra.json) : '']
    .filter(Boolean)
    .join('\n');
}

/**
 * Watches a stream of output (Docker's build messages) for a full disk. The
 * builder splits stderr into ANSI-coloured fragments, so a sign may span
 * several messages: a short carry of the previous text joins them.
 */
export class DiskFullScanner {
  private carry = '';
  private found = false;

  feed(chunk: string): void {
    if (this.found || !chunk) return;
    const text = this.carry + chunk.replace(ANSI, '');
    if (isDiskFull(text)) this.found = true;
    this.carry = text.slice(-200);
  }

  get seen(): boolean {
    return this.found;
  }
}

/** The one message the user sees (after `kubelab image: `). */
export function diskFullMessage(full: DiskFull): string {
  const { place, step, leftovers } = full;
  const where = place.side === 'host' ? place.path : place.dataRoot ? `Docker's data root, ${place.dataRoot}` : "Docker's data root";
  const gb = NEEDED_GB[place.side];
  const how =
    place.side === 'host'
      ? 'e.g. delete files you no longer need, or set KUBELAB_CACHE to a folder on a disk with room'
      : 'e.g. `docker system prune`, or `docker rmi` older kubelab/lab images';
  const kept = leftovers.length === 0 ? 'Nothing half-made was kept.' : `Could not remove ${leftovers.join(', ')}: remove it by hand.`;
  return `the disk ran out of space while building the image (${step}; where: ${where}): free at least ${gb} GB there (${how}) and run \`kubelab image build\` again. ${kept}`;
}

export class DiskFullError extends Error {
  readonly full: DiskFull;
  constructor(full: DiskFull) {
    super(diskFullMessage(full));
    this.name = 'DiskFullError';
    this.full = full;
  }
}
