#!/usr/bin/env python3
"""Counts the X11 windows whose title (WM_NAME) is TITLE: prints {"total": n, "viewable": m},
viewable being those mapped on the screen now. Used by the kiosk end-to-end test to see a
dashboard app's own window, which WebDriver cannot see (its web data is ephemeral, apart from
the automation session's).
Usage: x_windows.py TITLE"""

import json
import sys

from Xlib import X, display


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


if __name__ == "__main__":
    main(sys.argv[1])
