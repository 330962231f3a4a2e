// One first-run check's state.
export type Step<T> = { state: 'checking' } | { state: 'done'; value: T } | { state: 'error'; message: string };
