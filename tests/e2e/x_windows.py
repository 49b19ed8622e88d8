#!/usr/bin/env python3
"""Counts the X11 windows whose title (WM_NAME) is TITLE: prints {"total": n, "viewable": m},
viewable being those mapped on the screen now. Used by the kiosk end-to-end test to see a
dashboard app's own window, which WebDriver cannot see (its web data is ephemeral, apart from
the automation session's).
Usage: x_windows.py TITLE
       x_windows.py --list   (the titles of every window on the screen now)
       x_windows.py --click  (a left click of the pointer at the middle of the screen, as a
                              person's: XTEST, so pages see a real gesture)"""

import json
import sys

from Xlib import X, display
from Xlib.ext import xtest


def windows(w):
    yield w
    for child in w.query_tree().children:
        yield from windows(child)


def main(title):
    d = display.Display()
    total = viewable = 0
    for w in windows(d.screen().root):
        try:
            if w.get_wm_name() != title:
                continue
            total += 1
            if w.get_attributes().map_state == X.IsViewable:
                viewable += 1
        except Exception:  # a window gone meanwhile
            continue
    print(json.dumps({"total": total, "viewable": viewable}))


def listed():
    d = display.Display()
    names = []
    for w in windows(d.screen().root):
        try:
            name = w.get_wm_name()
            if name and w.get_attributes().map_state == X.IsViewable:
                names.append(name if isinstance(name, str) else name.decode("utf-8", "replace"))
        except Exception:  # a window gone meanwhile
            continue
    print(json.dumps(sorted(names)))


def click():
    d = display.Display()
    s = d.screen()
    xtest.fake_input(d, X.MotionNotify, x=s.width_in_pixels // 2, y=s.height_in_pixels // 2)
    d.sync()
    xtest.fake_input(d, X.ButtonPress, 1)
    d.sync()
    xtest.fake_input(d, X.ButtonRelease, 1)
    d.sync()


if __name__ == "__main__":
    if sys.argv[1] == "--list":
        listed()
    elif sys.argv[1] == "--click":
        click()
    else:
        main(sys.argv[1])
