import { describe, expect, it } from 'vitest';
import { negotiate } from './negotiate';

describe('negotiate', () => {
  it('gives kubectl get its Table', () => {
    expect(negotiate('application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json')).toEqual({ as: 'Table', version: 'v1' });
  });
  it('answers JSON to protobuf-first clients that also take JSON', () => {
    expect(negotiate('application/vnd.kubernetes.protobuf, */*')).toEqual({ as: 'object' });
    expect(negotiate('application/vnd.kubernetes.protobuf,application/json')).toEqual({ as: 'object' });
  });
  it('serves metadata-only lists', () => {
    expect(negotiate('application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,application/json')).toEqual({ as: 'PartialObjectMetadata', version: 'v1' });
  });
  it('refuses what it cannot write', () => {
    expect(negotiate('application/vnd.kubernetes.protobuf')).toBeUndefined();
    expect(negotiate('text/html')).toBeUndefined();
  });
  it('skips Table versions it does not know and falls back', () => {
    expect(negotiate('application/json;as=Table;v=v2;g=meta.k8s.io,application/json')).toEqual({ as: 'object' });
  });
});
