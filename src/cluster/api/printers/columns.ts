// Column definitions and the printer contract shared by every resource printer.

import type { KubeObject, TableColumnDefinition, TableRow } from '../types';
import { objectMetaDoc } from './descriptions';

/** metav1.TableRowCondition; only pods set them ("Completed" for finished pods). */
export interface TableRowCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
}

export interface PrintOptions {
  /** The server always prints wide (pkg/printers/storage); false reproduces upstream unit tests. */
  wide: boolean;
  now: Date;
}

export interface Printer<T extends KubeObject = KubeObject> {
  columns: TableColumnDefinition[];
  /** Cells, and row conditions where upstream sets them; the object is attached later. */
  print(obj: T, options: PrintOptions): Omit<TableRow, 'object'>;
}

/** A column in TableColumnDefinition's field order, so JSON comes out as upstream's. */
export function column(name: string, type: string, description: string, priority = 0, format = ''): TableColumnDefinition {
  return { name, type, format, description, priority };
}

export const nameColumn = (): TableColumnDefinition => column('Name', 'string', objectMetaDoc.name, 0, 'name');
export const ageColumn = (): TableColumnDefinition => column('Age', 'string', objectMetaDoc.creationTimestamp);

/** layoutContainerCells: names and images, each comma-joined. */
export function containerCells(containers: readonly { name: string; image?: string }[] | undefined): [string, string] {
  const list = containers ?? [];
  return [list.map((c) => c.name).join(','), list.map((c) => c.image ?? '').join(',')];
}

/** listWithMoreString: the first `max` items, then "+ N more...", or "<unset>" for none. */
export function listWithMore(list: string[], more: boolean, count: number, max: number): string {
  const joined = list.join(',');
  if (more) return `${joined} + ${count - max} more...`;
  return joined === '' ? '<unset>' : joined;
}
