#!/usr/bin/env python3
"""Asks the X11 window whose WM_CLASS contains NAME to close, exactly as a window manager does
for Alt+F4 or the title bar's close button: a WM_DELETE_WINDOW client message (ICCCM 4.2.8.1).
Used by the kiosk end-to-end test, which runs under Xvfb without a window manager.
Usage: close_window.py NAME; exit status 1 if no such window."""

import sys

from Xlib import X, display, protocol


def windows(d, w):
    yield w
    for child in w.query_tree().children:
        yield from windows(d, child)


def main(name):
    d = display.Display()
    delete = d.intern_atom("WM_DELETE_WINDOW")
    protocols = d.intern_atom("WM_PROTOCOLS")
    sent = 0
    for w in windows(d, d.screen().root):
        cls = w.get_wm_class()
        if not cls or not any(name in c.lower() for c in cls):
            continue
        if delete not in (w.get_wm_protocols() or []):
            continue
        event = protocol.event.ClientMessage(window=w, client_type=protocols, data=(32, [delete, X.CurrentTime, 0, 0, 0]))
        w.send_event(event, event_mask=X.NoEventMask)
        sent += 1
    d.flush()
    return 0 if sent else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1].lower()))
