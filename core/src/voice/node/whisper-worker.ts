/**
 * The whisper worker thread: owns one whisper.cpp model and runs
 * transcriptions one at a time, so the main thread (a Qt window, the CLI's
 * spinner) never waits on whisper. smart-whisper hands failures back as an
 * `Error` *value* through its callback rather than throwing; they are turned
 * into `failed` messages here, which the main thread turns into rejections.
 *
 * Messages are defined in whisper-protocol.ts. Started by whisper.ts only.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import type { FromWorker, ToWorker, WhisperAddon, WhisperNativeModel, WorkerInit } from './whisper-protocol.js';

const port = parentPort;
if (!port) throw new Error('whisper-worker.ts runs as a worker thread only');
const init = workerData as WorkerInit;
const send = (message: FromWorker): void => port.postMessage(message);

/**
 * The addon bindings/whisper built: `@koompi/whisper`'s dist/smart-whisper.node
 * (node_modules/@koompi/whisper is that workspace), or smart-whisper's own
 * build when it was installed from npm some other way.
 */
function addonFile(): string {
  if (init.addonPath) return init.addonPath;
  const require = createRequire(import.meta.url);
  const candidates: string[] = [];
  for (const [pkg, file] of [
    ['@koompi/whisper/package.json', 'dist/smart-whisper.node'],
    ['smart-whisper/package.json', 'build/Release/smart-whisper.node'],
  ] as const) {
    try {
      candidates.push(path.join(path.dirname(require.resolve(pkg)), file));
    } catch {
      // not installed
    }
  }
  const found = candidates.find((f) => fs.existsSync(f));
  if (!found) throw new Error(`smart-whisper.node not built (looked in: ${candidates.join(', ') || 'no package'})`);
  return found;
}

function loadAddon(): WhisperAddon {
  return createRequire(import.meta.url)(addonFile()) as WhisperAddon;
}

let addon: WhisperAddon | undefined;
let model: WhisperNativeModel | undefined;

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function handle(message: ToWorker): Promise<void> {
  switch (message.type) {
    case 'load': {
      try {
        addon = loadAddon();
      } catch (error) {
        send({ type: 'addon-missing', message: describe(error) });
        return;
      }
      try {
        model = await addon.WhisperModel.load(message.modelPath, false);
        send({ type: 'loaded' });
      } catch (error) {
        send({ type: 'load-failed', message: describe(error) });
      }
      return;
    }
    case 'transcribe': {
      const handleOfModel = model?.handle;
      if (!addon || !handleOfModel) {
        send({ type: 'failed', id: message.id, message: 'no model loaded' });
        return;
      }
      const native = addon;
      const results = await new Promise<unknown>((resolve) => {
        try {
          native.transcribe(handleOfModel, message.samples, message.params, resolve, () => {});
        } catch (error) {
          resolve(error);
        }
      });
      if (results instanceof Error || !Array.isArray(results)) {
        send({ type: 'failed', id: message.id, message: results instanceof Error ? results.message : 'no result' });
        return;
      }
      const segments = results.map((r: { text?: unknown; lang?: unknown }) => ({
        text: typeof r.text === 'string' ? r.text : '',
        ...(typeof r.lang === 'string' ? { lang: r.lang } : {}),
      }));
      send({ type: 'result', id: message.id, segments });
      return;
    }
    case 'free': {
      const m = model;
      model = undefined;
      if (m) await m.free();
      send({ type: 'freed' });
      return;
    }
  }
}

// One message at a time: whisper's context is not shared between transcriptions.
let queue: Promise<void> = Promise.resolve();
port.on('message', (message: ToWorker) => {
  queue = queue.then(() =>
    handle(message).catch((error: unknown) => {
      send({ type: 'crashed', message: describe(error) });
    }),
  );
});
