#!/usr/bin/env node
// Classroom distribution benchmark: a teacher and N students, each in its own
// network namespace, links shaped with tc tbf. Shares one lesson of M MB and
// counts the seconds from the share to the last student's verified copy.
//
//   npm run bench:classroom -- --students N --size-mb M --link-mbit R [--shared-medium]
//       [--transport torrent|multicast|http] [--multicast] [--no-multicast] [--syncthing] [--keep]
//
// Multicast (uftp) is on by default, as on a wired switch that floods it;
// --no-multicast measures the BitTorrent swarm (aria2) instead. --multicast is
// accepted for symmetry.
//
// The last line printed is one JSON object: {"students","bytes","seconds","verified"};
// `verified` is true only when every student's files match the teacher's hashes
// (checked again here, outside the devices).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { joinAll, startClassroom } from '../classroom/sim/harness.mjs';
import { canSimulate } from '../classroom/sim/net.mjs';

const { values } = parseArgs({
  options: {
    students: { type: 'string', default: '10' },
    'size-mb': { type: 'string', default: '100' },
    'link-mbit': { type: 'string', default: '50' },
    'shared-medium': { type: 'boolean', default: false },
    'no-multicast': { type: 'boolean', default: false },
    multicast: { type: 'boolean', default: false },
    transport: { type: 'string' },
    syncthing: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const students = Number(values.students);
const sizeMb = Number(values['size-mb']);
const linkMbit = Number(values['link-mbit']);
const shared = values['shared-medium'];
const bytes = Math.round(sizeMb * 1024 * 1024);
const info = (line) => console.log(`[bench:classroom] ${line}`);

if (!canSimulate()) {
  console.error('bench:classroom needs root, iproute2 (ip netns) and tc');
  process.exit(2);
}
const multicast = !values['no-multicast'];
for (const bin of ['aria2c', ...(multicast ? ['uftp', 'uftpd'] : [])]) {
  try {
    fs.accessSync(`/usr/bin/${bin}`, fs.constants.X_OK);
  } catch {
    console.error(`bench:classroom needs ${bin} (Debian: aria2, uftp)`);
    process.exit(2);
  }
}

let result = { students, bytes, seconds: null, verified: false };
let classroom;
try {
  classroom = await startClassroom({
    students,
    linkMbit,
    sharedMedium: shared,
    multicast,
    syncthing: values.syncthing,
    keep: values.keep,
  });
} catch (error) {
  console.error(error);
  console.log(JSON.stringify(result));
  process.exit(1);
}
try {
  const { results } = await joinAll(classroom);
  const joined = results.filter((r) => r.kind === 'joined').length;
  info(`${joined}/${students} students joined over mDNS`);
  const lesson = path.join(classroom.root, 'lesson.bin');
  const fd = fs.openSync(lesson, 'w');
  const hash = crypto.createHash('sha256');
  for (let left = bytes; left > 0;) {
    const chunk = crypto.randomBytes(Math.min(left, 4 * 1024 * 1024));
    hash.update(chunk);
    fs.writeSync(fd, chunk);
    left -= chunk.length;
  }
  fs.closeSync(fd);
  const want = hash.digest('hex');

  const t0 = performance.now();
  const progress = await classroom.teacher.call('share', {
    path: lesson,
    options: values.transport ? { transport: values.transport } : {},
  });
  const done = await classroom.teacher.call('waitForShare', { share: progress.share });
  const seconds = (performance.now() - t0) / 1000;
  const states = Object.values(done.students);
  const offsets = states.map((s) => (s.at - done.startedAt) / 1000).sort((a, b) => a - b);
  info(`copies verified after ${offsets.map((x) => x.toFixed(1)).join(', ')} s (teacher's clock, from the share)`);
  const reported = states.filter((s) => s.state === 'verified').length;

  // Check every copy ourselves.
  let matching = 0;
  for (const s of classroom.students) {
    const lessons = await s.call('lessons');
    const got = lessons.find((l) => l.share === progress.share);
    if (!got) continue;
    const h = crypto.createHash('sha256');
    for await (const c of fs.createReadStream(path.join(got.dir, 'lesson.bin'))) h.update(c);
    if (h.digest('hex') === want) matching++;
  }
  const ideal = ((bytes * 8) / (linkMbit * 1e6)) * (shared && progress.transport !== 'multicast' ? students : 1);
  const bound = shared ? ((bytes * 8) / (linkMbit * 1e6)) * students : (bytes * 8) / (linkMbit * 1e6);
  info(
    `transport ${progress.transport} (${progress.plan.why}); ${reported}/${students} reported verified, ${matching}/${students} match here`,
  );
  info(
    `${seconds.toFixed(1)} s; size÷rate ${((bytes * 8) / (linkMbit * 1e6)).toFixed(1)} s → ${(seconds / ((bytes * 8) / (linkMbit * 1e6))).toFixed(2)}×` +
      (shared ? `; N×size÷rate ${bound.toFixed(1)} s → ${(seconds / bound).toFixed(2)}×` : '') +
      `; plan's ideal ${ideal.toFixed(1)} s`,
  );
  result = {
    students,
    bytes,
    seconds: Number(seconds.toFixed(2)),
    verified: matching === students && reported === students,
  };
} catch (error) {
  console.error(error);
  for (const d of [classroom.teacher, ...classroom.students].slice(0, 3))
    console.error(`--- ${d.name}\n${d.stderr.slice(-1500)}`);
} finally {
  await classroom.stop();
}
console.log(JSON.stringify(result));
process.exit(result.verified ? 0 : 1);
