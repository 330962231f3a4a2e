// A minimal remote-command client speaking v5.channel.k8s.io as kubectl does,
// for tests of the server side without kubectl.
import WebSocket from 'ws';
import { CHANNEL, PROTOCOL } from './protocol';

export interface RemoteCommandResult {
  stdout: string;
  stderr: string;
  /** The error channel's payload (the final metav1.Status). */
  status: string;
  closeCode: number;
  protocol: string;
  /** Channels of every frame received, in order (the empty "ready" frame included). */
  channels: number[];
}

export interface RemoteCommandClient {
  sendStdin(data: string | Buffer): void;
  /** v5: no more stdin. */
  closeStdin(): void;
  resize(width: number, height: number): void;
  /** Resolves with whatever arrived once stdout has something matching. */
  waitForStdout(match: RegExp, timeoutMs?: number): Promise<string>;
  result: Promise<RemoteCommandResult>;
  ws: WebSocket;
}

export function openRemoteCommand(url: string, protocols: string[] = [PROTOCOL.v5], headers: Record<string, string> = {}): Promise<RemoteCommandClient> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols, { headers, perMessageDeflate: false });
    const out = { stdout: Buffer.alloc(0), stderr: Buffer.alloc(0), status: Buffer.alloc(0), channels: [] as number[] };
    const waiters: (() => void)[] = [];
    ws.on('message', (data: Buffer) => {
      const channel = data[0]!;
      out.channels.push(channel);
      const payload = data.subarray(1);
      if (channel === CHANNEL.stdout) out.stdout = Buffer.concat([out.stdout, payload]);
      if (channel === CHANNEL.stderr) out.stderr = Buffer.concat([out.stderr, payload]);
      if (channel === CHANNEL.error) out.status = Buffer.concat([out.status, payload]);
      for (const w of waiters.splice(0)) w();
    });
    const result = new Promise<RemoteCommandResult>((done) => {
      ws.on('close', (code) =>
        done({ stdout: out.stdout.toString(), stderr: out.stderr.toString(), status: out.status.toString(), closeCode: code, protocol: ws.protocol, channels: out.channels }),
      );
    });
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => reject(Object.assign(new Error(`${res.statusCode}: ${body}`), { statusCode: res.statusCode, body })));
    });
    ws.on('error', reject);
    ws.on('open', () =>
      resolve({
        ws,
        result,
        sendStdin: (data) => ws.send(Buffer.concat([Buffer.from([CHANNEL.stdin]), Buffer.from(data)])),
        closeStdin: () => ws.send(Buffer.from([CHANNEL.close, CHANNEL.stdin])),
        resize: (width, height) => ws.send(Buffer.concat([Buffer.from([CHANNEL.resize]), Buffer.from(JSON.stringify({ Width: width, Height: height }))])),
        waitForStdout: (match, timeoutMs = 5000) =>
          new Promise((ok, fail) => {
            const deadline = setTimeout(() => fail(new Error(`no ${match} in stdout: ${JSON.stringify(out.stdout.toString())}`)), timeoutMs);
            const check = () => {
              if (match.test(out.stdout.toString())) {
                clearTimeout(deadline);
                ok(out.stdout.toString());
              } else waiters.push(check);
            };
            check();
          }),
      }),
    );
  });
}
