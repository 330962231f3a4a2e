// Turning a failure to *reach* the lab (not a failed check) into something a
// learner can act on. Pure.
import type { Text } from '../model';
import { LessonError, say } from '../say';

export function explainFailure(err: unknown): Text {
  if (err instanceof LessonError) return err.text;
  const e = err as { code?: string; statusCode?: number; message?: string };
  const message = e?.message ?? String(err);
  if (e?.code === 'ECONNREFUSED' || e?.code === 'ECONNRESET' || /ECONNREFUSED|socket hang up|timed out/.test(message)) {
    if (/docker\.sock|docker/i.test(message)) return say('Docker에 연결할 수 없습니다.', 'Docker does not answer.');
    return say('API 서버가 응답하지 않습니다. 실습 환경이 실행 중인지 보세요(kubelab up).', 'The API server does not answer. Is the lab running? (kubelab up)');
  }
  if (/no container of pod/.test(message)) return say('Pod의 컨테이너가 아직 Docker에 없습니다. Pod가 시작될 때까지 잠시 기다리세요.', "The pod's container is not in Docker yet. Give the pod a moment to start.");
  if (e?.statusCode === 404 || /no such container/i.test(message)) return say('실습 호스트나 Pod의 컨테이너를 찾을 수 없습니다. 실습 환경이 실행 중인지 보세요.', 'A lab host or pod container is missing. Is the lab running?');
  if (e?.statusCode === 409 || /is not running/i.test(message)) return say('실습 호스트가 멈춰 있습니다. kubelab up으로 다시 시작하세요.', 'A lab host is stopped. Start it again with kubelab up.');
  return say(`확인하는 중 오류가 났습니다: ${message}`, `The check could not run: ${message}`);
}
