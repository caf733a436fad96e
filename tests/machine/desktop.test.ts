// The desktop machine (`machine.sh up --desktop`, docs/machine.md): Plasma 6's
// compositor from Debian, NodeGui built against the root's Qt 6, the suite as
// the PKGBUILD installs it. A student, in a login session of their own, starts
// kwin_wayland headless with KOOMPI Chat as the session's one app (a native
// Wayland client); the screenshot comes from the compositor (KWin's
// org.kde.KWin.ScreenShot2 with OpenGL, else the frames KWin drew), not from
// the app, and is kept as an artifact.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bestMatch, readInk } from '../support/image-match.js';
import { xwdToPng } from '../support/xwd.js';
import { bootMachine, canBootMachine, ok, repoRoot, type Machine } from './machine.js';

const release = process.env['KOOMPI_MACHINE_RELEASE'] ?? 'trixie';
const artifacts = path.join(repoRoot, 'artifacts', 'machine');
/** Where the test's scripts go inside the machine (/run is writable; / is not). */
const dir = '/run/koompi-desktop';
const km = JSON.parse(fs.readFileSync(path.join(repoRoot, 'i18n/km/chat.json'), 'utf8')) as {
  window: { title: string };
  welcome: string;
};
/** The start of the welcome line Chat shows when it opens: whatever wraps, the first line starts so. */
const WELCOME_START = [...km.welcome].slice(0, 17).join('');

// The session kwin_wayland runs (WAYLAND_DISPLAY is set by kwin): Chat as a
// Wayland client, then the compositor's picture once Chat's window exists.
const SESSION = `#!/bin/sh
QT_QPA_PLATFORM=wayland koompi-chat >"$HOME/chat.log" 2>&1 &
chat=$!
python3 ${dir}/kwin-shot.py "$HOME/desktop" KOOMPI 120 "$HOME/xvfb/Xvfb_screen0" >"$HOME/shot.json"
rc=$?
kill "$chat" 2>/dev/null
wait "$chat"
exit $rc
`;
// The student's side: Plasma 6's compositor on the session's own bus. Not
// \`kwin_wayland --virtual\`: without a GPU render node that backend composites
// with QPainter only, and KWin's screenshot effect needs OpenGL. KWin's X11
// windowed backend on Xvfb (Mesa's software EGL, if it gets OpenGL; QPainter
// otherwise) draws into Xvfb's framebuffer file, which is the compositor's
// picture either way (kwin-shot.py takes ScreenShot2's when it can).
const START = `#!/bin/sh
export DBUS_SESSION_BUS_ADDRESS="\${DBUS_SESSION_BUS_ADDRESS:-unix:path=$XDG_RUNTIME_DIR/bus}"
export KWIN_SCREENSHOT_NO_PERMISSION_CHECKS=1
mkdir -p "$HOME/xvfb"
rm -f "$HOME/xvfb.display"
Xvfb -displayfd 3 -screen 0 1024x768x24 -nolisten tcp -fbdir "$HOME/xvfb" 3>"$HOME/xvfb.display" &
xvfb=$!
i=0
while [ ! -s "$HOME/xvfb.display" ] && [ $i -lt 200 ]; do sleep 0.1; i=$((i + 1)); done
display=":$(cat "$HOME/xvfb.display")"
DISPLAY=$display kwin_wayland --x11-display "$display" --width 1024 --height 768 --no-lockscreen --exit-with-session ${dir}/session.sh
rc=$?
kill "$xvfb"
exit $rc
`;

describe.runIf(canBootMachine).sequential(`Plasma 6 on Wayland in the desktop machine (${release})`, () => {
  let m: Machine;

  beforeAll(() => {
    fs.mkdirSync(artifacts, { recursive: true });
    m = bootMachine('desktop', release, { desktop: true });
    ok(m.exec(['install', '-d', '-m', '0755', dir]), 'mkdir');
    const put = (name: string, text: string) =>
      ok(m.exec(['sh', '-c', 'cat > "$1" && chmod 0755 "$1"', 'sh', `${dir}/${name}`], text), `install ${name}`);
    put('kwin-shot.py', fs.readFileSync(path.join(repoRoot, 'tests/machine/kwin-shot.py'), 'utf8'));
    put('session.sh', SESSION);
    put('start.sh', START);
  }, 3_600_000);

  afterAll(() => {
    m?.down();
  }, 120_000);

  const studentFile = (name: string) => path.join(m.top, '@home', 'student', name);

  it('shows KOOMPI Chat in Khmer under kwin_wayland, in the compositor screenshot', () => {
    const session = m.run('student', ['sh', `${dir}/start.sh`]);
    const shotJson = fs.existsSync(studentFile('shot.json')) ? fs.readFileSync(studentFile('shot.json'), 'utf8') : '';
    const chatLog = fs.existsSync(studentFile('chat.log')) ? fs.readFileSync(studentFile('chat.log'), 'utf8') : '';
    fs.writeFileSync(
      path.join(artifacts, `desktop-${release}-session.log`),
      `${session.stderr}\n${session.stdout}\n${chatLog}`,
    );
    expect(session.status, `${session.stderr}\n${shotJson}\n${chatLog}`).toBe(0);

    // KWin knows Chat's window, by its Khmer title.
    const shot = JSON.parse(shotJson) as { windows: { caption: string }[]; via: string; compositing: string };
    expect(shot.windows.map((w) => w.caption)).toContain(km.window.title);

    const png = path.join(artifacts, `desktop-${release}-chat.png`);
    if (shot.via === 'ScreenShot2') fs.copyFileSync(studentFile('desktop.png'), png);
    else fs.writeFileSync(png, xwdToPng(fs.readFileSync(studentFile('desktop.xwd'))));
    fs.writeFileSync(path.join(artifacts, `desktop-${release}-shot.json`), shotJson);

    // The welcome line, drawn by the machine's own Qt with Chat's font and the
    // welcome's colours, is found in the compositor's picture: Khmer shaped, not boxes.
    const reference = '/home/student/welcome.png';
    ok(
      m.run('student', [
        'env',
        'QT_QPA_PLATFORM=offscreen',
        'node',
        '/usr/lib/koompi/suite/apps/chat/test/render-text.mjs',
        reference,
        WELCOME_START,
        'color: #5c6166; background: #ffffff; padding: 12px;',
      ]),
      'render-text',
    );
    const referencePng = path.join(artifacts, `desktop-${release}-welcome-reference.png`);
    fs.copyFileSync(studentFile('welcome.png'), referencePng);
    const found = bestMatch(readInk(png), readInk(referencePng));
    fs.writeFileSync(path.join(artifacts, `desktop-${release}-welcome-match.json`), JSON.stringify(found));
    const score = found.score;
    expect(score).toBeGreaterThan(0.5);
  }, 300_000);
});
