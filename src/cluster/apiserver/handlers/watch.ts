// Watches: a chunked stream of JSON events, one per line, from a
// resourceVersion on; filtered by selectors the way kube-apiserver filters
// (an object that stops matching is DELETED for this watcher, one that starts
// matching is ADDED).
import type { KubeObject } from '../../api/types';
import { statusErrors } from '../../api/errors';
import type { ServerContext } from '../context';
import { objectFilter } from '../filter';
import { goJSON } from '../http/respond';
import { presentObject } from '../present';
import type { ApiRequest } from '../request';
import { apiVersionOf, listPrefix } from '../resources';
import { Expired, type Change } from '../store/cache';

/** Bookmarks tell clients how far they have seen, so a reconnect resumes without a relist. */
const BOOKMARK_INTERVAL_MS = 60_000;
/** Without timeoutSeconds a watch ends after 30–60 minutes, as kube-apiserver's do. */
const DEFAULT_TIMEOUT_S = () => 1800 + Math.floor(Math.random() * 1800);

type EventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export function handleWatch(r: ApiRequest, ctx: ServerContext): void {
  const { res, info, query } = r;
  const filter = objectFilter(info.group ? `${info.resource}.${info.group}` : info.resource, query);
  const prefix = listPrefix(info, r.namespace);
  const byName = r.name;
  const matches = (o: KubeObject) => filter(o) && (!byName || o.metadata.name === byName);
  const rv = query.get('resourceVersion') ?? '';
  const sendInitial = query.get('sendInitialEvents') === 'true';
  const bookmarks = query.get('allowWatchBookmarks') === 'true';
  const timeoutSeconds = Number(query.get('timeoutSeconds') ?? 0) || DEFAULT_TIMEOUT_S();
  let first = true;

  res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked', 'Cache-Control': 'no-cache, private' });
  res.flushHeaders();

  const send = (type: EventType, object: unknown) => {
    const noHeaders = !first;
    first = false;
    const body = type === 'ERROR' || type === 'BOOKMARK' ? object : presentObject(info, object as KubeObject, r.representation, query, ctx.now(), noHeaders);
    res.write(`${goJSON({ type, object: body })}\n`);
  };
  const bookmark = (revision: number, initialEventsEnd = false) => {
    const metadata: Record<string, unknown> = { resourceVersion: String(revision) };
    if (initialEventsEnd) metadata.annotations = { 'k8s.io/initial-events-end': 'true' };
    res.write(`${goJSON({ type: 'BOOKMARK', object: { kind: info.kind, apiVersion: apiVersionOf(info), metadata } })}\n`);
  };

  const deliver = (change: Change) => {
    if (!change.key.startsWith(prefix)) return;
    const now = matches(change.object);
    const before = change.prevObject ? matches(change.prevObject) : false;
    if (change.type === 'ADDED' && now) send('ADDED', change.object);
    else if (change.type === 'DELETED' && before) send('DELETED', change.object);
    else if (change.type === 'MODIFIED') {
      if (now && before) send('MODIFIED', change.object);
      else if (now) send('ADDED', change.object);
      else if (before) send('DELETED', change.object);
    }
  };

  // Everything below runs in one synchronous block: no change can slip in
  // between the snapshot or history read and the subscription.
  const cache = ctx.store.cache;
  try {
    if (sendInitial || rv === '' || rv === '0') {
      for (const object of cache.list(prefix)) if (matches(object)) send('ADDED', object);
      if (sendInitial && bookmarks) bookmark(cache.revision, true);
    } else {
      const from = Number(rv);
      if (!Number.isFinite(from)) {
        send('ERROR', statusErrors.badRequest(`invalid resource version: ${rv}`));
        res.end();
        return;
      }
      for (const change of cache.changesSince(from, prefix)) deliver(change);
    }
  } catch (err) {
    if (err instanceof Expired) {
      send('ERROR', statusErrors.tooOldResourceVersion(err.requested, err.oldest));
      res.end();
      return;
    }
    throw err;
  }
  const unsubscribe = cache.subscribe(deliver);
  const unreset = cache.onReset(() => finish());
  const ticker = bookmarks ? setInterval(() => bookmark(cache.revision), BOOKMARK_INTERVAL_MS) : undefined;
  const timer = setTimeout(() => finish(), timeoutSeconds * 1000);
  let done = false;
  function finish() {
    if (done) return;
    done = true;
    unsubscribe();
    unreset();
    if (ticker) clearInterval(ticker);
    clearTimeout(timer);
    res.end();
  }
  r.req.on('close', finish);
  res.on('close', finish);
}
