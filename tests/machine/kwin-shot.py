#!/usr/bin/python3
# Inside the desktop machine's Plasma session (tests/machine/desktop.test.ts):
# waits until KWin has a window whose caption holds TITLE (KWin's own KRunner
# windows runner, org.kde.KWin /WindowsRunner), then takes pictures of what
# the compositor shows until one comes again (the picture has settled), and
# keeps it:
#
# - with OpenGL compositing, from KWin itself: org.kde.KWin.ScreenShot2
#   CaptureActiveScreen, the image written to a pipe, saved as OUT.png
#   (kwin_wayland needs KWIN_SCREENSHOT_NO_PERMISSION_CHECKS=1 for a caller
#   without a .desktop file that allows the interface);
# - with QPainter compositing (no GPU render node: KWin's screenshot effect is
#   not supported there), the frames KWin's X11 windowed backend draws into
#   Xvfb, read from Xvfb's framebuffer file (-fbdir, XWD), saved as OUT.xwd.
#
# Prints one JSON line: the windows KWin matched, how the picture was taken,
# KWin's compositing type.
#
#   kwin-shot.py OUT TITLE TIMEOUT_S XVFB_FRAMEBUFFER_FILE
import json
import os
import struct
import sys
import threading
import time
import zlib

import dbus

out, title, framebuffer = sys.argv[1], sys.argv[2], sys.argv[4]
deadline = time.monotonic() + float(sys.argv[3])
bus = dbus.SessionBus()


def compositing():
    info = bus.get_object('org.kde.KWin', '/KWin').supportInformation(dbus_interface='org.kde.KWin')
    for line in info.split('\n'):
        if line.startswith('Compositing Type:'):
            return line.split(':', 1)[1].strip()
    return 'unknown'


def kwin_can_capture():
    effects = bus.get_object('org.kde.KWin', '/Effects')
    return bool(effects.isEffectSupported('screenshot', dbus_interface='org.kde.kwin.Effects'))


def windows():
    try:
        runner = bus.get_object('org.kde.KWin', '/WindowsRunner')
        matches = runner.Match(title, dbus_interface='org.kde.krunner1')
    except dbus.DBusException:
        return []
    return [{'id': str(m[0]), 'caption': str(m[1])} for m in matches]


def capture():
    r, w = os.pipe()
    # UnixFd keeps a copy of the write end: close both, or the reader never sees EOF.
    pipe_fd = dbus.types.UnixFd(w)
    os.close(w)
    chunks = []
    reader = threading.Thread(target=lambda: chunks.extend(iter(lambda: os.read(r, 1 << 16), b'')))
    reader.start()
    try:
        shot = bus.get_object('org.kde.KWin', '/org/kde/KWin/ScreenShot2')
        meta = shot.CaptureActiveScreen(
            {'include-cursor': False, 'native-resolution': True},
            pipe_fd,
            dbus_interface='org.kde.KWin.ScreenShot2',
        )
    finally:
        os.close(pipe_fd.take())
        reader.join()
        os.close(r)
    return {str(k): v for k, v in meta.items()}, b''.join(chunks)


def rgba(meta, data):
    """QImage's raw bytes → RGBA rows. Formats 4/5/6 are (A)RGB32 (BGRA in
    memory on little-endian), 16/17/18 RGBX/RGBA8888 (RGBA in memory)."""
    width, height, stride, fmt = (int(meta[k]) for k in ('width', 'height', 'stride', 'format'))
    rows = []
    for y in range(height):
        row = bytearray(data[y * stride:y * stride + width * 4])
        if fmt in (4, 5, 6):
            row[0::4], row[2::4] = row[2::4], row[0::4]
        elif fmt not in (16, 17, 18):
            raise SystemExit(f'unexpected QImage format {fmt}')
        if fmt in (4, 16):
            row[3::4] = b'\xff' * width
        rows.append(bytes(row))
    return width, height, rows


def write_png(path, width, height, rows):
    def chunk(kind, body):
        return struct.pack('>I', len(body)) + kind + body + struct.pack('>I', zlib.crc32(kind + body) & 0xFFFFFFFF)

    raw = b''.join(b'\x00' + row for row in rows)
    with open(path, 'wb') as f:
        f.write(b'\x89PNG\r\n\x1a\n')
        f.write(chunk(b'IHDR', struct.pack('>IIBBBBB', width, height, 8, 6, 0, 0, 0)))
        f.write(chunk(b'IDAT', zlib.compress(raw, 6)))
        f.write(chunk(b'IEND', b''))


found = []
while not found:
    found = windows()
    if not found:
        if time.monotonic() > deadline:
            print(json.dumps({'windows': [], 'error': f'no window with "{title}"'}))
            sys.exit(3)
        time.sleep(0.2)

via_kwin = kwin_can_capture()
# Settled: a frame seen before among the last few (a blinking text cursor
# alternates between two frames, so "the same as the last one" may never come).
recent = []
while True:
    if via_kwin:
        meta, data = capture()
    else:
        with open(framebuffer, 'rb') as f:
            data = f.read()
    if data in recent or time.monotonic() > deadline:
        break
    recent = (recent + [data])[-4:]
    time.sleep(0.15)

if via_kwin:
    width, height, rows = rgba(meta, data)
    write_png(out + '.png', width, height, rows)
else:
    with open(out + '.xwd', 'wb') as f:
        f.write(data)
print(json.dumps({'windows': found, 'via': 'ScreenShot2' if via_kwin else 'Xvfb', 'compositing': compositing()}))
