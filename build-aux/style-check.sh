#!/bin/sh
# The mandatory, deterministic checks of STYLE.md B14. Exit 0 when clean.
set -u
cd "$(dirname "$0")/.." || exit 1
status=0
fail() { echo "style: $*"; status=1; }

files=$(git ls-files --cached --others --exclude-standard 2>/dev/null |
  grep -vE '^(_build|build|bench/out)/|\.(png|svg|jpg)$|^tests/fuzz/corpus/|^tests/data/')
code=$(printf '%s\n' "$files" | grep -E '\.(c|h)$')
ui=$(printf '%s\n' "$files" | grep -E '\.ui$')

# 1. No trailing whitespace (Seahorse).
for f in $files; do
  [ -f "$f" ] || continue
  case "$f" in *.md) continue ;; esac
  if grep -nE '[[:space:]]+$' "$f" >/dev/null 2>&1; then
    grep -nE '[[:space:]]+$' "$f" | head -3 | sed "s|^|$f:|" | while read -r l; do fail "trailing whitespace: $l"; done
    status=1
  fi
done

# 2. No tabs in C and UI files.
for f in $code $ui; do
  [ -f "$f" ] || continue
  if grep -nP '\t' "$f" >/dev/null 2>&1; then
    fail "tab in $f (line $(grep -nP '\t' "$f" | head -1 | cut -d: -f1))"
  fi
done

# 2b. 100 columns is the hard limit for C (STYLE.md B14, Text Editor's .editorconfig),
#     counted in characters. posture-catalog-strings.c is generated from controls.json
#     (one N_() per catalog text, which test-catalog finds whole) and is left out.
for f in $code; do
  [ -f "$f" ] || continue
  [ "$f" = src/core/posture-catalog-strings.c ] && continue
  long=$(LC_ALL=C.UTF-8 grep -nE '^.{101,}' "$f" | head -1 | cut -d: -f1)
  [ -n "$long" ] && fail "$f:$long is longer than 100 columns"
done

# 3. Every C file has an SPDX line; every .c defines G_LOG_DOMAIN before including config.h.
for f in $code; do
  [ -f "$f" ] || continue
  grep -q 'SPDX-License-Identifier' "$f" || fail "no SPDX-License-Identifier line in $f"
done

# 4. The GTK-free parts never include GTK or libadwaita.
for f in $(printf '%s\n' $code | grep -E '^src/(core|state|tenant|demo|cli)/'); do
  [ -f "$f" ] || continue
  if grep -nE '#include[[:space:]]*[<"](gtk/|gdk/|adwaita|gsk/)' "$f" >/dev/null; then
    fail "$f includes GTK or libadwaita, but it is GTK-free"
  fi
done

# 4b. Core writes no files (DESIGN.md): what Posture keeps on disk is src/state's, where
#     reports go is the app's and the CLI's.
for f in $(printf '%s\n' $code | grep -E '^src/core/'); do
  [ -f "$f" ] || continue
  if grep -nE 'g_file_set_contents|g_file_replace|g_file_create|g_file_append_to|g_mkstemp|g_creat|fopen[[:space:]]*\([^)]*"[wa+]|O_WRONLY|O_RDWR|O_CREAT' "$f" >/dev/null; then
    fail "$f writes a file, but core writes none (line $(grep -nE 'g_file_set_contents|g_file_replace|g_file_create|g_file_append_to|g_mkstemp|g_creat|fopen[[:space:]]*\([^)]*"[wa+]|O_WRONLY|O_RDWR|O_CREAT' "$f" | head -1 | cut -d: -f1))"
  fi
done

# 5. No API newer than Debian 12 (GLib 2.74, GTK 4.8, libadwaita 1.2, libsoup 3.2).
banned='g_set_str|g_autofd|g_clear_fd|g_task_return_new_error_literal|g_task_return_prefixed_error|g_strv_builder_take|AdwDialog|AdwAlertDialog|AdwAboutDialog|AdwToolbarView|AdwNavigationView|AdwNavigationPage|AdwBreakpoint|AdwSwitchRow|AdwSpinRow|AdwBanner|AdwSpinner|AdwTabOverview|AdwOverlaySplitView|AdwNavigationSplitView|GtkFileDialog|GtkAlertDialog|GtkUriLauncher|gtk_css_provider_load_from_string|gtk_list_view_scroll_to|dex_future|libdex'
for f in $code $ui; do
  [ -f "$f" ] || continue
  if grep -nwE "$banned" "$f" >/dev/null; then
    fail "$f uses API newer than Debian 12: $(grep -owE "$banned" "$f" | sort -u | tr '\n' ' ')"
  fi
done

# 6. Never silence the version fences.
if git ls-files --cached --others --exclude-standard -- '*meson.build' '*.sh' |
     xargs grep -nE -e '^[^#]*-Wno-deprecated-declarations' 2>/dev/null | grep -v '^build-aux/style-check.sh' >/dev/null; then
  fail "-Wno-deprecated-declarations would silence the version fences"
fi

# 7. Translatable files are all in po/POTFILES.in.
if ! out=$(build-aux/check-potfiles.sh); then
  printf '%s\n' "$out" | sed 's/^/style: /'
  status=1
fi

[ $status -eq 0 ] && echo "style: all checks passed"
exit $status
