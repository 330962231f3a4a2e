// Namespaces (ValidateNamespace, ValidateNamespaceUpdate in pkg/apis/core/validation).

import { fieldErrors as fe, FieldPath, type FieldError } from '../errors';
import type { Namespace } from '../types';
import { validateKubeFinalizerName, validateObjectMeta, validateObjectMetaUpdate } from './metadata';
import { isQualifiedName, nameIsDNSLabel } from './names';

const meta = FieldPath.of('metadata');

export function validateNamespace(ns: Namespace): FieldError[] {
  const errs = validateObjectMeta(ns.metadata, false, nameIsDNSLabel, meta);
  const path = FieldPath.of('spec', 'finalizers');
  for (const f of ns.spec?.finalizers ?? []) {
    errs.push(...isQualifiedName(f).map((m) => fe.invalid(path, f, m)), ...validateKubeFinalizerName(f, path));
  }
  return errs;
}

export function validateNamespaceUpdate(ns: Namespace, old: Namespace): FieldError[] {
  return validateObjectMetaUpdate(ns.metadata, old.metadata, meta);
}
