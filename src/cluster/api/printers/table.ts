// Server-side Table printing, as kube-apiserver answers
// `Accept: application/json;as=Table;v=v1;g=meta.k8s.io`: the resource's
// printer (always wide, priority-1 columns included), then the row objects
// handled per includeObject (handlers/response.go asTable).

import { BadRequestError } from '../selectors/errors';
import { goQuote } from '../selectors/go-format';
import type { KubeObject, ListMeta, Table, TableRow } from '../types';
import type { PrintOptions } from './columns';
import { asPartialObjectMetadata } from './partial-metadata';
import { printingFor, type ResourcePrinting } from './registry';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export interface TableOptions {
  now: Date;
  /** The `includeObject` query parameter; absent means Metadata. Other values are a 400. */
  includeObject?: IncludeObject | string;
  /** TableOptions.noHeaders: no column definitions (a watch sends them with its first event only). */
  noHeaders?: boolean;
  /** The list's metadata: resourceVersion, continue, remainingItemCount. */
  listMeta?: ListMeta;
  /** The Table version negotiated from the Accept header. */
  tableVersion?: 'v1' | 'v1beta1';
}

function checkIncludeObject(value: string | undefined): IncludeObject {
  if (value === undefined || value === '' || value === 'Metadata') return 'Metadata';
  if (value === 'None' || value === 'Object') return value;
  throw new BadRequestError(`unrecognized includeObject value: ${goQuote(value)}`);
}

// ListMeta in field order; empty values are omitted as Go's omitempty does.
function tableMeta(meta: ListMeta | undefined): ListMeta {
  const out: ListMeta = {};
  if (meta?.resourceVersion) out.resourceVersion = meta.resourceVersion;
  if (meta?.continue) out.continue = meta.continue;
  if (meta?.remainingItemCount !== undefined && meta.remainingItemCount !== null) {
    out.remainingItemCount = meta.remainingItemCount;
  }
  return out;
}

function rowObject(obj: KubeObject, include: IncludeObject, printing: ResourcePrinting, groupVersion: string): unknown {
  switch (include) {
    case 'None':
      // RawExtension with no object marshals as null.
      return null;
    case 'Object':
      // Converted to the resource's version: list items gain their kind and apiVersion.
      return { kind: obj.kind ?? printing.kind, apiVersion: obj.apiVersion ?? printing.apiVersion, ...obj };
    case 'Metadata':
      return asPartialObjectMetadata(obj, groupVersion);
  }
}

function buildTable(resource: string, objects: KubeObject[], meta: ListMeta, opts: TableOptions): Table {
  const include = checkIncludeObject(opts.includeObject);
  const printing = printingFor(resource);
  const version = opts.tableVersion ?? 'v1';
  const groupVersion = `meta.k8s.io/${version}`;
  const printOptions: PrintOptions = { wide: true, now: opts.now };
  const rows: TableRow[] = objects.map((obj) => ({
    ...printing.printer.print(obj, printOptions),
    object: rowObject(obj, include, printing, groupVersion),
  }));
  return {
    kind: 'Table',
    apiVersion: groupVersion,
    metadata: tableMeta(meta),
    // Upstream sends null here with noHeaders; an empty list keeps the Table type honest.
    columnDefinitions: opts.noHeaders ? [] : printing.printer.columns.map((c) => ({ ...c })),
    rows,
  };
}

/** The Table for a list (`kubectl get pods`). */
export function toTable(resource: string, objects: KubeObject[], opts: TableOptions): Table {
  return buildTable(resource, objects, opts.listMeta ?? {}, opts);
}

/** The Table for one object (`kubectl get pod x`): its resourceVersion becomes the Table's. */
export function toTableForObject(resource: string, object: KubeObject, opts: Omit<TableOptions, 'listMeta'>): Table {
  return buildTable(resource, [object], { resourceVersion: object.metadata?.resourceVersion }, opts);
}

/** The column definitions a resource's Table carries. */
export function columnDefinitionsFor(resource: string): Table['columnDefinitions'] {
  return printingFor(resource).printer.columns.map((c) => ({ ...c }));
}
