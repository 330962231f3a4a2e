// Request bodies: JSON (what kubectl sends) or YAML, within a size limit like
// kube-apiserver's 3 MiB.
import type { IncomingMessage } from 'node:http';
import yaml from 'js-yaml';
import { statusErrors } from '../../api/errors';
import { fail } from '../errors';

export const MAX_BODY_BYTES = 3 * 1024 * 1024;

export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(Object.assign(new Error('request entity too large'), { tooLarge: true }));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The body as a JS value; undefined for an empty body. */
export function parseBody(contentType: string | undefined, body: Buffer): unknown {
  if (body.length === 0) return undefined;
  const type = (contentType ?? 'application/json').split(';')[0]!.trim().toLowerCase();
  const text = body.toString('utf8');
  if (type === 'application/yaml' || type === 'application/apply-patch+yaml') {
    try {
      return yaml.load(text);
    } catch (err) {
      fail(statusErrors.badRequest(`error converting YAML to JSON: ${(err as Error).message}`));
    }
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    fail(statusErrors.badRequest(`${(err as Error).message}`));
  }
}
