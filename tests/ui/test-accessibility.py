#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# test-accessibility.py: the real app, read as a screen reader reads it.
#
# Starts an AT-SPI bus and `posture --demo` with GTK's AT-SPI backend on (the rest of
# the test suite runs with GTK_A11Y=none and NO_AT_BRIDGE=1; this test turns both off
# for the app it starts), opens every view, a training module, the Preferences window,
# the sign-in dialog and the Fix dialog, and walks the accessibility tree of each. It
# fails on any focusable node without a name (GTK names an unlabelled node after its
# class, so "GtkToggleButton" counts as no name), and lists them. It also checks that each quiz
# question is a named radio group of named radio buttons, and that the affected
# resources (a table or a named list) read as text, row by row.
#
# Usage (meson runs it under xvfb-run and dbus-run-session): test-accessibility.py POSTURE
# Output: TAP.

import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

# Imported once the accessibility bus runs: pyatspi connects to it on import.
pyatspi = None

# Every view names its focusable nodes now, so every view fails the test. While another
# part of the app is being reworked, POSTURE_A11Y_STRICT=0 reports these views' unnamed
# nodes (listed, as a skip) instead of failing on them.
OWNED_ELSEWHERE = {"Overview", "Recommendations", "History", "Window"}
STRICT = os.environ.get("POSTURE_A11Y_STRICT", "1") != "0"
CLASS_NAME = re.compile(r"(Gtk|Adw|Posture)[A-Z][A-Za-z]*")

results = []


def report(ok, description, diagnostics=(), skip=None):
    results.append((ok, description, list(diagnostics), skip))
    verdict = "FAILED" if not ok else "skipped" if skip is not None else "ok"
    print("# %s: %s" % (verdict, description), file=sys.stderr, flush=True)


def wait_for(predicate, timeout=30.0, step=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    return None


def children(node):
    try:
        return [node.getChildAtIndex(i) for i in range(node.childCount)]
    except Exception:
        return []


def walk(node, parents=()):
    """Yields each node under @node (itself first) with the nodes above it."""
    yield node, parents
    for child in children(node):
        if child is not None:
            yield from walk(child, parents + (node,))


def describe(node, parents=()):
    return " > ".join("%s '%s'" % (role(n), n.name) for n in tuple(parents[-3:]) + (node,))


def count(node):
    return 1 + sum(count(c) for c in children(node) if c is not None)


def is_focusable(node):
    try:
        return node.getState().contains(pyatspi.STATE_FOCUSABLE)
    except Exception:
        return False


def has_no_name(node):
    name = (node.name or "").strip()
    return name == "" or CLASS_NAME.fullmatch(name) is not None


def find(root, predicate):
    for node, _ in walk(root):
        try:
            if predicate(node):
                return node
        except Exception:
            continue
    return None


def find_all(root, predicate):
    found = []
    for node, parents in walk(root):
        try:
            if predicate(node):
                found.append((node, parents))
        except Exception:
            continue
    return found


def role(node):
    try:
        return node.getRoleName()
    except Exception:
        return ""


def do_action(node, wanted=None):
    action = node.queryAction()
    for i in range(action.nActions):
        if wanted is None or action.getName(i) == wanted:
            action.doAction(i)
            return True
    return False


def click(app, node):
    """Clicks the middle of @node in the app's window (xdotool, X11)."""
    try:
        x, y, width, height = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        windows = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid", str(app.get_process_id())],
                                 capture_output=True, text=True, timeout=10).stdout.split()
    except Exception as error:
        print("# cannot click: %s" % error, file=sys.stderr)
        return False
    if not windows or width <= 0 or height <= 0:
        return False
    subprocess.run(["xdotool", "mousemove", "--window", windows[0], str(x + width // 2), str(y + height // 2),
                    "click", "1"], timeout=10)
    return True


def settle(app, seconds=1.5):
    """Waits until the app's tree stops growing (a view built, a read finished)."""
    last = -1
    stable_since = time.monotonic()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        nodes = count(app)
        now = time.monotonic()
        if nodes != last:
            last = nodes
            stable_since = now
        elif now - stable_since >= seconds:
            return
        time.sleep(0.3)


# Containers GTK makes focusable but passes the focus on from, to the first focusable
# thing inside (a scrolled window, a list box): they are a stop of their own, and need
# a name, only when nothing inside can take the focus.
CONTAINERS = {"scroll pane", "list", "tree table", "table"}


def needs_name(node):
    if not is_focusable(node) or not has_no_name(node):
        return False
    if role(node) in CONTAINERS:
        return not any(is_focusable(n) for n, _ in walk(node) if n is not node)
    return True


# libadwaita 1.2 internals that no keyboard user reaches and the app cannot name: an
# AdwPreferencesWindow with search off keeps its (unrevealed) search entry, results list
# and "No Results Found" page. They are listed as exempt, never hidden.
EXEMPT = [
    ("Preferences", lambda node, text: role(node) == "entry" and node.name == "GtkSearchEntry",
     "the preferences window's search entry; search is off"),
    ("Preferences", lambda node, text: role(node) == "list" and node.childCount == 0,
     "the preferences window's empty search results"),
    ("Preferences", lambda node, text: "'No Results Found'" in text,
     "the preferences window's search results page; search is off"),
]


def unnamed_focusable(root, part):
    problems = []
    for node, parents in walk(root):
        if not needs_name(node):
            continue
        text = describe(node, parents)
        reason = next((r for p, test, r in EXEMPT if p == part and test(node, text)), None)
        if reason is not None:
            print("# exempt in %s: %s (%s)" % (part, text, reason), file=sys.stderr)
            continue
        problems.append(text)
    return problems


def check_part(part, root):
    problems = unnamed_focusable(root, part)
    description = "%s: every focusable node has a name" % part
    if not problems:
        report(True, description)
    elif part in OWNED_ELSEWHERE and not STRICT:
        report(True, description, ["%d unnamed: %s" % (len(problems), p) for p in problems],
               skip="%d unnamed focusable nodes in a view owned elsewhere (listed)" % len(problems))
    else:
        report(False, description, problems)


def page_root(app, type_name):
    return find(app, lambda n: n.name == type_name)


def main():
    if len(sys.argv) != 2:
        print("usage: test-accessibility.py POSTURE", file=sys.stderr)
        return 2

    global pyatspi

    if importlib.util.find_spec("pyatspi") is None:
        print("1..0 # SKIP python3-pyatspi is not installed")
        return 0

    launcher = next((p for p in ("/usr/libexec/at-spi-bus-launcher",
                                 "/usr/lib/at-spi2-core/at-spi-bus-launcher")
                     if os.access(p, os.X_OK)), None)
    if launcher is None:
        print("1..0 # SKIP at-spi2-core is not installed")
        return 0

    state = tempfile.mkdtemp(prefix="posture-a11y-")
    bus = subprocess.Popen([launcher, "--launch-immediately"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    env = dict(os.environ)
    # The test suite's G_DEBUG=fatal-criticals is for the app; libatspi in this process
    # warns about its own races while the registry starts, which must not end the test.
    os.environ["G_DEBUG"] = "gc-friendly"
    env["GTK_A11Y"] = "atspi"
    env.pop("NO_AT_BRIDGE", None)
    env["XDG_DATA_HOME"] = os.path.join(state, "data")
    env["XDG_CACHE_HOME"] = os.path.join(state, "cache")
    env["XDG_CONFIG_HOME"] = os.path.join(state, "config")
    env.setdefault("GSETTINGS_BACKEND", "memory")
    app_process = None
    try:
        # The bus must answer before the app starts, or GTK gives up on it.
        def bus_ready():
            return subprocess.run(["gdbus", "call", "--session", "--dest", "org.a11y.Bus",
                                   "--object-path", "/org/a11y/bus", "--method", "org.a11y.Bus.GetAddress"],
                                  capture_output=True, timeout=10).returncode == 0
        if not wait_for(bus_ready, timeout=20):
            print("1..1")
            print("not ok 1 - the accessibility bus starts")
            return 1
        import pyatspi as module
        pyatspi = module

        def registry_ready():
            try:
                pyatspi.Registry.getDesktop(0).childCount
                return True
            except Exception:
                return False
        wait_for(registry_ready, timeout=20)
        app_log = open(os.path.join(state, "app.log"), "w")
        app_process = subprocess.Popen([sys.argv[1], "--demo", "--view", "overview"], env=env,
                                       stdout=app_log, stderr=subprocess.STDOUT)

        def find_app():
            desktop = pyatspi.Registry.getDesktop(0)
            for candidate in children(desktop):
                try:
                    if candidate.get_process_id() == app_process.pid:
                        return candidate
                except Exception:
                    continue
            return None

        app = wait_for(find_app)
        if app is None:
            with open(os.path.join(state, "app.log")) as log:
                for line in log.read().splitlines()[-20:]:
                    print("# app: %s" % line)
            print("# app exit status: %s" % app_process.poll())
            print("1..1")
            print("not ok 1 - the app appears on the accessibility bus")
            return 1
        report(True, "the app appears on the accessibility bus")
        settle(app, 2.0)

        # Every view, opened as a user would, through its tab.
        views = [("Overview", "PostureOverviewPage"), ("Recommendations", "PostureRecommendationsPage"),
                 ("Policies", "PosturePoliciesPage"), ("Training", "PostureTrainingPage"),
                 ("History", "PostureHistoryPage")]
        for title, type_name in views:
            tab = find(app, lambda n: role(n) == "page tab" and n.name == title)
            if tab is None or not do_action(tab):
                report(False, "%s: the view's tab can be activated" % title)
                continue
            settle(app)
            root = page_root(app, type_name)
            if root is None:
                report(False, "%s: the view is in the tree" % title)
                continue

            if title == "Training":
                check_training(app, root)
            if title == "Recommendations":
                check_resources_table(app, root)

            check_part(title, root)

        # The window itself: header bar, tenant switcher, view switchers, menus.
        frame = find(app, lambda n: role(n) == "frame")
        pages = {type_name for _, type_name in views}
        chrome = []
        for node, parents in walk(frame):
            if node.name in pages or any(p.name in pages for p in parents):
                continue
            if needs_name(node):
                chrome.append(describe(node, parents))
        if not chrome:
            report(True, "Window: every focusable node has a name")
        elif STRICT:
            report(False, "Window: every focusable node has a name", chrome)
        else:
            report(True, "Window: every focusable node has a name", chrome,
                   skip="%d unnamed focusable nodes in the window's own widgets (listed)" % len(chrome))

        check_dialogs(app)
    finally:
        if app_process is not None:
            app_process.terminate()
            try:
                app_process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                app_process.kill()
        bus.terminate()
        try:
            bus.wait(timeout=5)
        except subprocess.TimeoutExpired:
            bus.kill()
        shutil.rmtree(state, ignore_errors=True)

    print("1..%d" % len(results))
    failed = 0
    for number, (ok, description, diagnostics, skip) in enumerate(results, 1):
        for line in diagnostics:
            print("# %s" % line)
        if skip is not None:
            print("ok %d - %s # SKIP %s" % (number, description, skip))
        elif ok:
            print("ok %d - %s" % (number, description))
        else:
            failed += 1
            print("not ok %d - %s" % (number, description))
    return 1 if failed else 0


def check_training(app, root):
    modules = find(root, lambda n: role(n) == "list" and n.name == "Training modules")
    items = [c for c in children(modules) if role(c) == "list item"] if modules else []
    if not items:
        report(False, "Training: the module list is named and has rows")
        return
    unnamed = [c for c in items if has_no_name(c)]
    report(not unnamed, "Training: each of the %d module rows is named" % len(items),
           ["unnamed row %d" % i for i, c in enumerate(items) if has_no_name(c)])

    # Open a module. GTK 4.8 offers no action to activate a list row through AT-SPI, so
    # click it where AT-SPI says it is (the rows activate on one click).
    if not click(app, items[1]):
        report(False, "Training: a module row can be activated")
        return
    settle(app)
    report(find(root, lambda n: role(n) == "radio button") is not None, "Training: a module row opens the module")

    radios = find_all(root, lambda n: role(n) == "radio button")
    groups = find_all(root, lambda n: role(n) == "grouping")
    grouped = []
    for group, _ in groups:
        members = [c for c in children(group) if role(c) == "radio button"]
        if members:
            grouped.append((group, members))
    diagnostics = []
    ok = len(radios) > 0 and len(grouped) > 0
    for group, members in grouped:
        if has_no_name(group):
            ok = False
            diagnostics.append("a quiz question's group has no name")
        for member in members:
            if has_no_name(member):
                ok = False
                diagnostics.append("an answer in '%s' has no name" % group.name)
    if sum(len(m) for _, m in grouped) != len(radios):
        ok = False
        diagnostics.append("%d radio buttons, %d of them in a named group" %
                           (len(radios), sum(len(m) for _, m in grouped)))
    report(ok, "Training: the quiz is %d radio groups named by their question (%d answers)" %
           (len(grouped), len(radios)), diagnostics)

    progress = find(root, lambda n: n.name == "Progress" and is_focusable(n))
    report(progress is not None, "Training: the progress drop-down is labelled")


def check_resources_table(app, root):
    # The affected resources are a table (a column view) or a named list of rows: either
    # way each row, header and cell reads as text.
    tables = [t for t, _ in find_all(root, lambda n: role(n) in ("table", "tree table", "grid"))]
    lists = [l for l, _ in find_all(root, lambda n: role(n) == "list" and "resources" in (n.name or "").lower())]
    if not tables and not lists:
        ok = not STRICT
        report(ok, "Recommendations: the affected resources are a named table or list",
               ["no node with a table role and no list named for resources"],
               skip=None if STRICT else "the resources table is owned elsewhere")
        return
    diagnostics = []
    for table in tables:
        for node, _ in walk(table):
            if role(node) in ("column header", "table cell", "row header") and has_no_name(node):
                diagnostics.append("%s '%s'" % (role(node), node.name))
    rows = 0
    for resources in lists:
        for item in children(resources):
            if role(item) in ("list item", "row"):
                rows += 1
                if has_no_name(item):
                    diagnostics.append("%s '%s' in '%s'" % (role(item), item.name, resources.name))
    what = "table" if tables else "list '%s' (%d rows)" % (lists[0].name, rows)
    if diagnostics and not STRICT:
        report(True, "Recommendations: the affected resources %s reads as text" % what,
               diagnostics, skip="%d unreadable rows or cells in a view owned elsewhere" % len(diagnostics))
    else:
        report(not diagnostics, "Recommendations: the affected resources %s reads as text" % what,
               diagnostics)


def check_dialogs(app):
    # Preferences, from the main menu.
    menu = find(app, lambda n: role(n) == "push button" and n.name == "Main Menu" and is_focusable(n))
    if menu is not None and do_action(menu):
        settle(app, 1.0)
        item = find(app, lambda n: n.name == "Preferences" and role(n) in ("push button", "menu item"))
        if item is not None and do_action(item):
            settle(app, 1.5)
    window = wait_for(lambda: find(app, lambda n: role(n) in ("frame", "dialog", "window")
                                   and "Preferences" in (n.name or "")), timeout=10)
    if window is None:
        report(False, "Preferences: the window opens from the main menu")
    else:
        check_part("Preferences", window)

    # The sign-in dialog, from the demo's banner (its Sign In button).
    button = find(app, lambda n: role(n) == "push button" and is_focusable(n)
                  and "sign in" in (n.name or "").lower())
    if button is not None and do_action(button):
        settle(app, 1.5)
    window = wait_for(lambda: find(app, lambda n: role(n) in ("frame", "dialog", "window")
                                   and "Sign In" in (n.name or "")), timeout=10)
    if window is None:
        report(False, "Sign-in: the dialog opens from the demo's banner")
    else:
        check_part("Sign-in", window)

    # The Fix dialog's plan, from the Fix button of the control shown in Recommendations.
    tab = find(app, lambda n: role(n) == "page tab" and n.name == "Recommendations")
    if tab is not None and do_action(tab):
        settle(app)
    button = find(app, lambda n: role(n) == "push button" and is_focusable(n)
                  and (n.name or "").startswith("Fix"))
    if button is not None and do_action(button):
        settle(app, 1.5)
    window = wait_for(lambda: find(app, lambda n: role(n) in ("frame", "dialog", "window")
                                   and (n.name or "").startswith("Fix \u201c")), timeout=10)
    if window is None:
        report(False, "Fix dialog: it opens from the Fix button in Recommendations")
    else:
        check_part("Fix dialog", window)


if __name__ == "__main__":
    sys.exit(main())
