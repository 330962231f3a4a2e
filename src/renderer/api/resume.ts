// A tab that lost `kubelab serve` reloads once the server is back; this note,
// kept for the tab's life only, lets the first screen go straight on to the
// workspace when Docker, the image and the lab all still check out.
const KEY = 'kubelab.resume';

export function markResume(): void {
  try {
    sessionStorage.setItem(KEY, '1');
  } catch {
    // no storage: the learner presses "Open the lab" once
  }
}

/** True once after markResume, then false. */
export function takeResume(): boolean {
  try {
    const marked = sessionStorage.getItem(KEY) === '1';
    sessionStorage.removeItem(KEY);
    return marked;
  } catch {
    return false;
  }
}
