// What one client (a window, a browser tab) gets from the engine: the contract
// of src/shared/api.ts, with its terminals and subscriptions closed when the
// client goes away. Arguments arrive validated (validate.ts).
import type { ClusterView, EngineSession, EventSink, ServiceRef } from '../../shared/api';
import { checkDocker } from '../docker/check';
import { currentEndpoint } from '../docker/client';
import { imageStatus, loadImage } from '../image/archive';
import { buildImage } from '../image/build';
import { labStatus } from '../lab/status';
import { labStop } from '../lab/stop';
import { labUp } from '../lab/up';
import { TerminalManager } from '../terminal/manager';
import { describeObject } from './describe';
import type { Engine } from './engine';
import { listManifests, readManifest, writeManifest } from './manifests';
import { TrafficSampler } from './traffic/sampler';
import { safeExternalUrl } from './url-safety';

export function openSession(engine: Engine, emit: EventSink): EngineSession {
  const terminals = new TerminalManager(engine.docker, engine.lab, {
    data: (id, data) => emit('terminalData', { id, data }),
    exit: (e) => emit('terminalExit', e),
  });
  const unsubscribeTasks = engine.tasks.subscribe((e) => emit('progress', e));
  const unsubscribeLesson = engine.lesson.subscribe((s) => emit('lessonProgress', s));
  let unsubscribeCluster: (() => void) | undefined;
  let lastView: ClusterView | undefined;
  let traffic: TrafficSampler | undefined;

  const podOf = (endpoint: string) => {
    const ip = endpoint.replace(/:\d+$/, '');
    return lastView?.pods.find((p) => p.ip === ip)?.name;
  };

  return {
    async appInfo() {
      return { version: engine.version, canChooseFiles: Boolean(engine.options.chooseFile), platform: process.platform, bundledImage: engine.options.bundledImage };
    },
    checkDocker: () => checkDocker(engine.docker, currentEndpoint()),
    imageStatus: () => imageStatus(engine.docker),
    async buildImage() {
      return { taskId: engine.tasks.start('image-build', async (progress, signal) => void (await buildImage(engine.docker, { progress, signal }))) };
    },
    async loadImage(path) {
      return { taskId: engine.tasks.start('image-load', async (progress) => void (await loadImage(engine.docker, path, progress))) };
    },
    async chooseImageFile() {
      return engine.options.chooseFile ? engine.options.chooseFile() : null;
    },
    async cancelTask(taskId) {
      engine.tasks.cancel(taskId);
    },
    labStatus: () => labStatus(engine.docker, engine.lab, engine.apiPort),
    async startLab() {
      const taskId = engine.tasks.start('lab-up', async (progress) => {
        await labUp(engine.docker, { lab: engine.lab, apiPort: engine.apiPort, dockerSocket: currentEndpoint().daemonSocket, progress });
        return 'the lab is up';
      });
      return { taskId };
    },
    async stopLab() {
      return { taskId: engine.tasks.start('lab-stop', async (progress) => void (await labStop(engine.docker, engine.lab, progress))) };
    },

    openTerminal: (target, size) => terminals.open(target, size),
    writeTerminal: (id, data) => terminals.write(id, data),
    resizeTerminal: (id, size) => terminals.resize(id, size),
    ackTerminal: (id, chars) => terminals.ack(id, chars),
    closeTerminal: (id) => terminals.close(id),

    async watchCluster() {
      unsubscribeCluster?.();
      unsubscribeCluster = engine.cluster.subscribe((v) => {
        lastView = v;
        emit('clusterView', v);
      });
      lastView = engine.cluster.view();
      return lastView;
    },
    describeObject: (ref) => describeObject(engine.cluster.http, ref),
    async watchTraffic(service: ServiceRef | null) {
      traffic?.stop();
      traffic = undefined;
      if (!service) return;
      traffic = new TrafficSampler(engine.docker, engine.lab, service, podOf, (s) => emit('traffic', s));
      traffic.start();
    },

    listManifests: () => listManifests(engine.docker, engine.host('master')),
    readManifest: (name) => readManifest(engine.docker, engine.host('master'), name),
    writeManifest: (name, text) => writeManifest(engine.docker, engine.host('master'), name, text),

    async loadSettings() {
      return engine.settings.load();
    },
    async saveSettings(s) {
      engine.settings.save(s);
    },
    async openExternal(url) {
      const safe = safeExternalUrl(url);
      if (!safe) return false;
      await engine.options.openExternal?.(safe);
      return true;
    },

    async lessonList() {
      return engine.lesson.list();
    },
    async lessonStatus() {
      return engine.lesson.status();
    },
    lessonCommand: (stepId) => engine.lesson.command(stepId),
    lessonCheck: (stepId) => engine.lesson.check(stepId),
    lessonResetStep: (stepId) => engine.lesson.resetStep(stepId),
    lessonResetLab: () => engine.lesson.resetLab(),
    lessonDiagram: (sectionId) => engine.lesson.diagram(sectionId),

    async dispose() {
      terminals.closeAll();
      unsubscribeTasks();
      unsubscribeLesson();
      unsubscribeCluster?.();
      traffic?.stop();
      await terminals.settled();
    },
  };
}
