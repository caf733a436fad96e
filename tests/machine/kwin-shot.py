#!/usr/bin/python3
# Inside the desktop machine's Wayland session (tests/machine/desktop.test.ts):
# waits until KWin has a window whose caption holds TITLE (KWin's own
# KRunner windows runner, org.kde.KWin /WindowsRunner), then takes screenshots
# from the compositor (org.kde.KWin.ScreenShot2 CaptureActiveScreen, the image
# written to a pipe) until two in a row are the same, and writes the last one
# as OUT (PNG). Prints one JSON line: the windows KWin matched and the image's
# size. kwin_wayland needs KWIN_SCREENSHOT_NO_PERMISSION_CHECKS=1 for a caller
# that has no .desktop file allowing the interface.
#
#   kwin-shot.py OUT.png TITLE [TIMEOUT_S]
import json
import os
import struct
import sys
import threading
import time
import zlib

import dbus

out, title = sys.argv[1], sys.argv[2]
deadline = time.monotonic() + float(sys.argv[3] if len(sys.argv) > 3 else 60)
bus = dbus.SessionBus()


def windows():
    try:
        runner = bus.get_object('org.kde.KWin', '/WindowsRunner')
        matches = runner.Match(title, dbus_interface='org.kde.krunner1')
    except dbus.DBusException:
        return []
    return [{'id': str(m[0]), 'caption': str(m[1])} for m in matches]


def capture():
    r, w = os.pipe()
    chunks = []
    reader = threading.Thread(target=lambda: chunks.extend(iter(lambda: os.read(r, 1 << 16), b'')))
    reader.start()
    try:
        shot = bus.get_object('org.kde.KWin', '/org/kde/KWin/ScreenShot2')
        meta = shot.CaptureActiveScreen(
            {'include-cursor': False, 'native-resolution': True},
            dbus.types.UnixFd(w),
            dbus_interface='org.kde.KWin.ScreenShot2',
        )
    finally:
        os.close(w)
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

last = None
while True:
    meta, data = capture()
    if data == last or time.monotonic() > deadline:
        break
    last = data
    time.sleep(0.5)

width, height, rows = rgba(meta, data)
write_png(out, width, height, rows)
print(json.dumps({'windows': found, 'width': width, 'height': height, 'format': int(meta['format'])}))
