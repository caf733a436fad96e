#!/usr/bin/env node
// npm run bench:chat — KOOMPI Chat with a streamed Gemini answer:
//  * latency from the server sending the first chunk to that text painted in
//    the window (target < 100 ms);
//  * peak RSS of Chat with 500 messages of history (target <= 150 MB).
// A fake Gemini (SSE, on 127.0.0.1) drives the real @google/genai client in
// the real app (offscreen Qt); the question arrives over a private session
// bus through org.koompi.Chat1.Ask. Options: --runs N (default 5).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SqliteHistory } from '@koompi/core';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const argv = process.argv.slice(2);
const runs = Number(argv[argv.indexOf('--runs') + 1] || 0) || 5;
const chatBin = path.join(root, 'apps', 'chat', 'bin', 'koompi-chat.js');

/** A minimal Gemini: streams three SSE chunks, 30 ms apart; records when the first was written. */
function fakeGemini() {
  const sent = [];
  const server = http.createServer(async (req, res) => {
    for await (const _ of req);
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const chunk = (text, last) =>
      `data: ${JSON.stringify({ candidates: [{ content: { role: 'model', parts: [{ text }] }, ...(last ? { finishReason: 'STOP' } : {}) }] })}\r\n\r\n`;
    const pieces = ['សួស្តី! ', 'ខ្ញុំអាចជួយអ្នកបាន។ ', 'What would you like to learn?'];
    for (const [i, piece] of pieces.entries()) {
      res.write(chunk(piece, i === pieces.length - 1));
      if (i === 0) sent.push(performance.timeOrigin + performance.now());
      await new Promise((r) => setTimeout(r, 30));
    }
    res.end();
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, sent, url: `http://127.0.0.1:${server.address().port}` })),
  );
}

function startBus(dir) {
  const config = path.join(dir, 'bus.conf');
  fs.writeFileSync(
    config,
    `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir=${dir}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
    <allow user="*"/>
  </policy>
</busconfig>`,
  );
  const r = spawnSync('dbus-daemon', [`--config-file=${config}`, '--fork', '--print-address=1', '--print-pid=1'], {
    encoding: 'utf8',
  });
  const [address, pid] = r.stdout.trim().split('\n');
  return { address, pid: Number(pid) };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function fillHistory(file, n) {
  const history = await SqliteHistory.open(file);
  for (let i = 0; i < n; i++) {
    await history.append({
      role: i % 2 ? 'model' : 'user',
      text: i % 2 ? `ចម្លើយទី ${i}: ការពន្យល់វែងបន្តិចអំពីមេរៀននេះ។ Some English too.` : `សំណួរទី ${i}?`,
      at: new Date(Date.now() - (n - i) * 60_000),
    });
  }
  history.close();
}

async function once(gemini, withHistory) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koompi-bench-chat-'));
  fs.chmodSync(dir, 0o700);
  const bus = startBus(dir);
  const dataHome = path.join(dir, 'data');
  if (withHistory) await fillHistory(path.join(dataHome, 'koompi', 'chat', 'history.sqlite'), withHistory);
  const env = {
    ...process.env,
    QT_QPA_PLATFORM: 'offscreen',
    XDG_RUNTIME_DIR: dir,
    XDG_DATA_HOME: dataHome,
    XDG_CONFIG_HOME: path.join(dir, 'config'),
    DBUS_SESSION_BUS_ADDRESS: bus.address,
    KOOMPI_GEMINI_API_KEY: 'bench-key',
    KOOMPI_GEMINI_BASE_URL: gemini.url,
    KOOMPI_PAINT_PROBE: '1',
    LANG: 'km_KH.UTF-8',
  };
  delete env.DISPLAY;
  const chat = spawn(process.execPath, [chatBin], { env, stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  const painted = new Promise((resolve) =>
    chat.stdout.on('data', (d) => {
      out += d;
      const m = /answer-painted (\d+(?:\.\d+)?)/.exec(out);
      if (m) resolve(Number(m[1]));
    }),
  );
  // Ask once Chat owns its name on the bus.
  for (let i = 0; i < 200; i++) {
    const r = spawnSync(
      'dbus-send',
      [
        `--bus=${bus.address}`,
        '--print-reply',
        '--dest=org.koompi.Chat',
        '/org/koompi/Chat',
        'org.koompi.Chat1.Ask',
        'string:សួស្តី តើអ្នកអាចជួយខ្ញុំបានទេ?',
      ],
      { encoding: 'utf8' },
    );
    if (r.status === 0) break;
    await new Promise((r2) => setTimeout(r2, 50));
  }
  const paintedAt = await painted;
  const sentAt = gemini.sent.at(-1);
  await new Promise((r) => setTimeout(r, 500));
  const rssMb = Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${chat.pid}/status`, 'utf8'))[1]) / 1024;
  chat.kill('SIGTERM');
  process.kill(bus.pid, 'SIGTERM');
  fs.rmSync(dir, { recursive: true, force: true });
  return { latencyMs: paintedAt - sentAt, rssMb };
}

const gemini = await fakeGemini();
try {
  const fresh = [];
  const loaded = [];
  await once(gemini, 0); // warm-up
  for (let i = 0; i < runs; i++) {
    fresh.push(await once(gemini, 0));
    loaded.push(await once(gemini, 500));
  }
  const row = (name, rs) =>
    `${name.padEnd(26)} first chunk → painted: median ${median(rs.map((r) => r.latencyMs)).toFixed(1)} ms, max ${Math.max(...rs.map((r) => r.latencyMs)).toFixed(1)} ms; peak RSS ${Math.max(...rs.map((r) => r.rssMb)).toFixed(1)} MB`;
  console.log(`runs: ${runs} each (offscreen Qt, fake Gemini on 127.0.0.1, real @google/genai client)`);
  console.log(row('empty history', fresh));
  console.log(row('500 messages of history', loaded));
  console.log('targets: < 100 ms from first chunk to paint; <= 150 MB peak RSS with 500 messages');
  console.log(
    JSON.stringify({
      latencyMs: median(loaded.map((r) => r.latencyMs)),
      rssMb: Math.max(...loaded.map((r) => r.rssMb)),
    }),
  );
} finally {
  gemini.server.close();
}
