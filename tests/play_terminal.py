"""glyphfx play in a terminal emulator: runs it in a pseudo-terminal of a
fixed size, feeds everything it writes to a pyte screen (with the alternate
screen of xterm, which pyte lacks, added) and checks what a user would see.

Usage: play_terminal.py GLYPHFX_BIN   (run by test_play_terminal.sh)
Exit 0 pass, 1 fail."""
import copy
import fcntl
import json
import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import time

import pyte

MARKER = "shell prompt before glyphfx"
ALT_ON = b"\x1b[?1049h"
ALT_OFF = b"\x1b[?1049l"
KEYS = {"ctrl-c": b"\x03", "q": b"q"}
failures = []


def fail(message):
    failures.append(message)
    print("FAIL: " + message, file=sys.stderr)


class AltScreen(pyte.Screen):
    """xterm's mode 1049: save the screen and cursor, switch to a blank
    one; on reset, bring them back."""

    def __init__(self, columns, lines):
        super().__init__(columns, lines)
        self.saved = None

    def set_mode(self, *modes, **kwargs):
        if kwargs.get("private") and 1049 in modes:
            self.saved = (copy.deepcopy(self.buffer), copy.copy(self.cursor))
            self.erase_in_display(2)
        super().set_mode(*modes, **kwargs)

    def reset_mode(self, *modes, **kwargs):
        if kwargs.get("private") and 1049 in modes and self.saved:
            self.buffer, self.cursor = self.saved
            self.saved = None
            self.dirty.update(range(self.lines))
        super().reset_mode(*modes, **kwargs)


def set_size(fd, rows, cols):
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))


def run_in_pty(argv, rows, cols, env, events=(), timeout=60):
    """Runs argv on a rows x cols pty. events: (seconds, action) with action
    a key of KEYS (typed into the terminal), "modes" (the terminal's termios
    read into run_in_pty.modes) or ("resize", rows, cols), the
    seconds counted from when the program takes over the screen (so they
    land while it plays, however long it loads). Returns the exit status and
    the output split at each event: [(event, bytes)]."""
    pid, fd = pty.fork()
    if pid == 0:
        set_size(0, rows, cols)
        os.execve(argv[0], argv, env)
    start = time.monotonic()
    playing = None  # when the alternate screen was entered
    pending = sorted(events, key=lambda e: e[0])
    pieces, chunk, current = [], b"", None
    modes = []
    while True:
        now = time.monotonic() - start
        if playing is None and ALT_ON in b"".join(p[1] for p in pieces) + chunk:
            playing = time.monotonic()
        if pending and playing is not None and time.monotonic() - playing >= pending[0][0]:
            pieces.append((current, chunk))
            chunk, current = b"", pending.pop(0)[1]
            if current in KEYS:
                os.write(fd, KEYS[current])
            elif current == "modes":
                modes.append(termios.tcgetattr(fd))
            else:
                set_size(fd, current[1], current[2])
        if now > timeout:
            os.kill(pid, signal.SIGKILL)
            fail("%s still running after %d s; killed" % (" ".join(argv), timeout))
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                data = os.read(fd, 65536)
            except OSError:  # EIO: the child side closed
                data = b""
            if not data:
                break
            chunk += data
    pieces.append((current, chunk))
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    run_in_pty.modes = modes
    return os.waitstatus_to_exitcode(status), pieces


class CheckedStream(pyte.ByteStream):
    """A stream whose malformed sequences (pyte raises on some, e.g. a cut
    escape whose tail reads as another one) are a failure, not a crash."""

    def feed(self, data):
        try:
            super().feed(data)
        except (TypeError, ValueError) as e:
            fail("the emulator cannot parse the output near %r: %s" % (data[:60], e))


def replay(pieces, rows, cols):
    """The screen after the marker line and every piece; also a copy of it
    just before the alternate screen was left (the last frame shown)."""
    screen = AltScreen(cols, rows)
    stream = CheckedStream(screen)
    stream.feed((MARKER + "\r\n").encode())
    last_frame = None
    for event, data in pieces:
        if isinstance(event, tuple):
            screen.resize(event[1], event[2])
        cut = data.rfind(ALT_OFF)
        if cut >= 0:
            stream.feed(data[:cut])
            last_frame = (list(screen.display), {
                (y, x): screen.buffer[y][x].fg
                for y in range(screen.lines) for x in range(screen.columns)
                if screen.buffer[y][x].data != " "})
            stream.feed(data[cut:])
        else:
            stream.feed(data)
    return screen, last_frame


def check_clean(name, screen, output):
    """After exit: the main screen back, cursor shown, attributes reset."""
    if output.rfind(ALT_ON) < 0 or output.rfind(ALT_OFF) < output.rfind(ALT_ON):
        fail("%s: the alternate screen was not left" % name)
    if output.rfind(b"\x1b[?25h") < output.rfind(b"\x1b[?25l"):
        fail("%s: the cursor is left hidden" % name)
    if screen.cursor.hidden:
        fail("%s: the emulator's cursor is hidden after exit" % name)
    if screen.saved is not None:
        fail("%s: the emulator is still on the alternate screen" % name)
    if screen.cursor.attrs.fg != "default":
        fail("%s: the colour is left set (%s)" % (name, screen.cursor.attrs.fg))
    if MARKER not in screen.display[0]:
        fail("%s: the main screen's first line is %r; expected the marker"
             % (name, screen.display[0]))


def check_frame(name, last_frame, characters, colour_re, rows, cols):
    """The last frame: enough cells drawn, only the palette's characters,
    each with a colour of the expected kind."""
    if not last_frame:
        fail("%s: no frame before leaving the alternate screen" % name)
        return
    display, colours = last_frame
    drawn = "".join(display).replace(" ", "")
    if len(drawn) < rows * cols // 20:
        fail("%s: only %d characters drawn on a %dx%d screen" % (name, len(drawn), cols, rows))
    stray = set(drawn) - set(characters)
    if stray:
        fail("%s: characters outside the palette %r: %r" % (name, characters, sorted(stray)[:10]))
    bad = [fg for fg in colours.values() if not re.fullmatch(colour_re, fg)]
    if bad:
        fail("%s: %d cells with colour %r; expected %s" % (name, len(bad), bad[0], colour_re))
    return display


def base_env(**extra):
    env = {k: v for k, v in os.environ.items() if k not in ("COLORTERM", "TERM")}
    env.update(extra)
    return env


def scene_file(directory, palette):
    path = os.path.join(directory, "scene_%s.json" % palette)
    with open(path, "w") as f:
        json.dump({"segments": [{"start": 0, "end": 60, "effect": "plasma",
                                 "palette": palette, "colours": "fire"}]}, f)
    return path


def test_play(binary, directory):
    rows, cols = 30, 100
    args = [binary, "play", "--scene", scene_file(directory, "minimal"), "--quality", "draft",
            "--duration", "1.5", "--fps", "24", "--stats"]
    rc, pieces = run_in_pty(args, rows, cols, base_env(COLORTERM="truecolor", TERM="xterm"))
    output = b"".join(p[1] for p in pieces)
    if rc != 0:
        fail("24bit: exit %d; output %r" % (rc, output[-300:]))
    screen, last = replay(pieces, rows, cols)
    check_frame("24bit", last, ".:-=+#@", r"[0-9a-f]{6}", rows, cols)
    check_clean("24bit", screen, output)
    text = "\n".join(screen.display)
    m = re.search(r"(\d+) of (\d+) frames .* (\d+) shown, (\d+) dropped", text)
    if not m:
        fail("24bit: no summary line after exit; the screen:\n" + text)
    elif int(m.group(2)) != 36 or int(m.group(3)) + int(m.group(4)) != int(m.group(1)):
        fail("24bit: summary %r; expected 36 frames, shown + dropped = reached" % m.group(0))
    if b"\x1b[38;2;" not in output or b"\x1b[38;5;" in output:
        fail("24bit: expected 24-bit colour escapes only")


def test_depths(binary, directory):
    rows, cols = 24, 80
    scene = scene_file(directory, "shade")
    for name, env, wanted, unwanted in (
            ("256", base_env(TERM="xterm-256color"), rb"\x1b\[38;5;\d+m", rb"\x1b\[38;2;"),
            ("16", base_env(TERM="xterm"), rb"\x1b\[(3[0-7]|9[0-7])m", rb"\x1b\[38;")):
        args = [binary, "play", "--scene", scene, "--quality", "draft", "--duration", "0.5",
                "--fps", "12", "--quiet"]
        rc, pieces = run_in_pty(args, rows, cols, env)
        output = b"".join(p[1] for p in pieces)
        if rc != 0:
            fail("%s: exit %d" % (name, rc))
        if not re.search(wanted, output) or re.search(unwanted, output):
            fail("%s colours: expected escapes like %r only" % (name, wanted))
        screen, last = replay(pieces, rows, cols)
        check_frame(name, last, "░▒▓█▇▆▅▄▃▂▁", r"\S+", rows, cols)
        check_clean(name, screen, output)


def test_resize(binary, directory):
    args = [binary, "play", "--scene", scene_file(directory, "minimal"), "--quality", "draft",
            "--duration", "2", "--fps", "24", "--stats"]
    rc, pieces = run_in_pty(args, 40, 120, base_env(COLORTERM="24bit"),
                            events=[(0.7, ("resize", 20, 50))])
    output = b"".join(p[1] for p in pieces)
    if rc != 0:
        fail("resize: exit %d" % rc)
    screen, last = replay(pieces, 40, 120)
    if last:
        wide = [y for y, line in enumerate(last[0]) if line[50:].strip() or (y >= 20 and line.strip())]
        if wide:
            fail("resize: the last frame has cells outside 50x20 (rows %s)" % wide[:5])
    check_clean("resize", screen, output)
    if "on a 50x20 terminal" not in "".join(screen.display):
        fail("resize: --stats does not report the new 50x20 size:\n" + "\n".join(screen.display))
    if pieces[-1][1].count(b"\x1b[2J") < 1:
        fail("resize: no full redraw after the resize")


def test_interrupt(binary, directory):
    rows, cols = 24, 80
    args = [binary, "play", "--scene", scene_file(directory, "minimal"), "--quality", "draft",
            "--duration", "30", "--fps", "24"]
    started = time.monotonic()
    rc, pieces = run_in_pty(args, rows, cols, base_env(COLORTERM="truecolor"),
                            events=[(1.0, "ctrl-c")], timeout=20)
    took = time.monotonic() - started
    output = b"".join(p[1] for p in pieces)
    if rc != 130:
        fail("ctrl-c: exit %d; expected 130" % rc)
    if took > 10:
        fail("ctrl-c: took %.1f s to stop" % took)
    screen, last = replay(pieces, rows, cols)
    check_frame("ctrl-c", last, ".:-=+#@", r"[0-9a-f]{6}", rows, cols)
    check_clean("ctrl-c", screen, output)
    if "glyphfx play: interrupted" not in "\n".join(screen.display):
        fail("ctrl-c: no line saying it was interrupted:\n" + "\n".join(screen.display))


def test_keys(binary, directory):
    """While playing: no echo, Ctrl-Z off (a stopped player would leave the
    shell in its modes), no output flush on Ctrl-C; q stops, with exit 0."""
    rows, cols = 24, 80
    args = [binary, "play", "--scene", scene_file(directory, "minimal"), "--quality", "draft",
            "--duration", "30", "--fps", "24"]
    rc, pieces = run_in_pty(args, rows, cols, base_env(COLORTERM="truecolor"),
                            events=[(0.5, "modes"), (1.0, "q")], timeout=20)
    output = b"".join(p[1] for p in pieces)
    if not run_in_pty.modes:
        fail("q: the terminal's modes were not read")
    else:
        lflag, cc = run_in_pty.modes[0][3], run_in_pty.modes[0][6]
        if lflag & termios.ECHO or lflag & termios.ICANON:
            fail("q: echo or line editing left on while playing")
        if not lflag & termios.NOFLSH:
            fail("q: NOFLSH not set: Ctrl-C would cut a frame's escape sequences")
        if cc[termios.VSUSP] not in (b"\x00", 0):
            fail("q: Ctrl-Z is on while playing (VSUSP %r)" % cc[termios.VSUSP])
    if rc != 0:
        fail("q: exit %d; expected 0" % rc)
    screen, last = replay(pieces, rows, cols)
    check_frame("q", last, ".:-=+#@", r"[0-9a-f]{6}", rows, cols)
    check_clean("q", screen, output)
    if "(q typed)" not in "\n".join(screen.display):
        fail("q: the summary does not say q stopped it:\n" + "\n".join(screen.display))


def test_not_a_terminal(binary):
    p = subprocess.run([binary, "play", "--duration", "1"], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, timeout=60)
    if p.returncode == 0:
        fail("not a terminal: exit 0")
    if p.stdout:
        fail("not a terminal: wrote %d bytes to standard output" % len(p.stdout))
    if b"standard output is not a terminal" not in p.stderr or p.stderr.count(b"\n") != 1:
        fail("not a terminal: stderr %r; expected one line saying so" % p.stderr)


def main():
    binary = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as directory:
        test_not_a_terminal(binary)
        test_play(binary, directory)
        test_depths(binary, directory)
        test_resize(binary, directory)
        test_interrupt(binary, directory)
        test_keys(binary, directory)
    if failures:
        print("%d failures" % len(failures), file=sys.stderr)
        return 1
    print("play_terminal: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
