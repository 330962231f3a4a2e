import { describe, expect, it } from 'vitest';
import { LessonError, say } from '../say';
import { explainFailure } from './explain';

describe('explainFailure', () => {
  it('keeps a lesson message as it is', () => {
    expect(explainFailure(new LessonError(say('가', 'a')))).toEqual({ ko: '가', en: 'a' });
  });

  it('tells an API server that is down from a host that is stopped or a pod not started', () => {
    expect(explainFailure(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:16443'), { code: 'ECONNREFUSED' })).en).toMatch(/^The API server does not answer/);
    expect(explainFailure(Object.assign(new Error('(HTTP code 409) container is not running'), { statusCode: 409 })).en).toMatch(/^A lab host is stopped/);
    expect(explainFailure(Object.assign(new Error('(HTTP code 404) no such container'), { statusCode: 404 })).en).toMatch(/^A lab host or pod container is missing/);
    expect(explainFailure(new Error('no container of pod default/webui-x in Docker')).en).toMatch(/^The pod's container is not in Docker yet/);
    expect(explainFailure(new Error('boom')).en).toBe('The check could not run: boom');
  });
});
