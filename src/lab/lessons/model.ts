// A lesson as the engine and the UI use it, after resources/lessons/<id>/ has
// been parsed and validated (schema.ts, loader.ts). Types only.
import type { HostName } from '../topology/plan';
import type { CheckSpec } from './checks/spec';

export type Lang = 'ko' | 'en';
export const LANGS: readonly Lang[] = ['ko', 'en'];

/** Every piece of lesson text exists in both languages. */
export interface Text {
  ko: string;
  en: string;
}

export type SectionKind = 'concept' | 'lab' | 'summary';

export interface Lesson {
  id: string;
  title: Text;
  summary: Text;
  sections: Section[];
  /** Every step of every section, in lesson order. */
  steps: Step[];
}

export interface Section {
  id: string;
  /** The file it came from, for messages. */
  file: string;
  kind: SectionKind;
  title: Text;
  /** Paragraphs; `code`, **bold**, "- " lists and | tables | are the only markup. */
  body: Text;
  diagram?: Diagram;
  steps: Step[];
  quiz: QuizItem[];
}

/** Which drawing the app makes for a section, and from which live objects. */
export type DiagramKind = 'service-fanout' | 'service-types' | 'nodeport-path' | 'loadbalancer-path' | 'externalname-dns' | 'headless-dns' | 'kube-proxy-chains';

export type DiagramObjectKind = 'Service' | 'Pod' | 'Node' | 'Host' | 'EndpointSlice' | 'Rules' | 'DnsAnswer';

export interface DiagramObject {
  kind: DiagramObjectKind;
  /** One object by name (a Service, Node, Host or EndpointSlice; the Service whose rules or DNS name). */
  name?: string;
  /** Or every Pod matching a label selector. */
  selector?: string;
  /** For Rules: the node whose iptables are drawn. */
  host?: HostName;
  /** The part it plays in the picture. */
  role: Text;
}

export interface Diagram {
  kind: DiagramKind;
  caption: Text;
  shows: DiagramObject[];
  /** Said instead of the drawing while the objects do not exist yet. */
  empty: Text;
}

export interface QuizItem {
  id: string;
  question: Text;
  choices: Text[];
  /** Index into `choices`. */
  answer: number;
  explain: Text;
}

/**
 * What a step's command changes in the cluster, so that "reset this step" can
 * rebuild the state any step expects by replaying the effects of the steps
 * before it.
 */
export interface Effect {
  /** Manifests (resources/manifests) whose objects the command creates. */
  apply: string[];
  /** Manifests whose objects the command removes. */
  delete: string[];
  /** Each pod matching `selector` serves its own name from `path`. */
  podNameFile?: { selector: string; path: string };
}

export interface Step {
  id: string;
  /** The section's id. */
  section: string;
  host: HostName;
  /** What the step's button types; `{...}` placeholders are resolved live (placeholders.ts). */
  command: string;
  title: Text;
  text: Text;
  /** What to look for in the output. */
  lookFor: Text;
  /** What to do when the check has not passed. */
  hint: Text;
  /** All must pass. */
  check: CheckSpec[];
  effect: Effect;
  /** How the command itself behaves; tests hold the lesson's text to it. */
  expect: { fails: boolean; output: string[] };
}
