// What the server writes on the error channel when a command ends, byte for
// byte as the kubelet does (cri/streaming/remotecommand exec.go, httpstream.go
// v4WriteStatusFunc: json.Marshal of metav1.Status without TypeMeta). kubectl
// exits with the ExitCode cause; the message text is what containerd's
// exec error reads.
import { goJson, goStruct } from '../api/errors/go-format';

function status(fields: { status: 'Success' | 'Failure'; message?: string; reason?: string; details?: unknown; code?: number }): string {
  // metav1.Status field order: metadata, status, message, reason, details, code.
  return goJson(goStruct({ metadata: goStruct({}), status: fields.status, message: fields.message, reason: fields.reason, details: fields.details, code: fields.code }));
}

export function successStatus(): string {
  return status({ status: 'Success' });
}

/** Go's %v of a []string: `[sh -c exit 3]`. */
export function goStringSlice(values: readonly string[]): string {
  return `[${values.join(' ')}]`;
}

export function exitCodeMessage(command: readonly string[], exitCode: number): string {
  return `command terminated with non-zero exit code: error executing command ${goStringSlice(command)}, exit code ${exitCode}`;
}

export function exitCodeStatus(command: readonly string[], exitCode: number): string {
  return status({
    status: 'Failure',
    message: exitCodeMessage(command, exitCode),
    reason: 'NonZeroExitCode',
    details: goStruct({ causes: [goStruct({ reason: 'ExitCode', message: String(exitCode) })] }),
  });
}

/** apierrors.NewInternalError: kubectl prints `error: Internal error occurred: <err>`. */
export function internalErrorStatus(err: string): string {
  return status({
    status: 'Failure',
    message: `Internal error occurred: ${err}`,
    reason: 'InternalError',
    details: goStruct({ causes: [goStruct({ message: err })] }),
    code: 500,
  });
}

/** v1 protocols carry only failures, as the error's text (StatusError.Error() is its message). */
export function v1StatusText(json: string): string | null {
  const parsed = JSON.parse(json) as { status: string; message?: string };
  return parsed.status === 'Success' ? null : (parsed.message ?? '');
}
