#!/bin/sh
# Every file with translatable strings is listed in po/POTFILES.in, and every listed
# file exists (after Seahorse's and GOA's check-potfiles.sh).
set -u
cd "$(dirname "$0")/.." || exit 1
status=0

listed=$(grep -v '^#' po/POTFILES.in | sed '/^$/d')

for f in $listed; do
  if [ ! -f "$f" ]; then
    echo "po/POTFILES.in lists $f, which does not exist"
    status=1
  fi
done

candidates=$(git ls-files --cached --others --exclude-standard -- src ui data 2>/dev/null |
  grep -E '\.(c|ui|in|xml\.in)$')
for f in $candidates; do
  [ -f "$f" ] || continue
  if grep -qE '(^|[^A-Za-z0-9_])(_|N_|C_|NC_|g_dngettext|ngettext)\(|translatable="yes"|<_?(summary|description|name)|^(Name|Comment|GenericName|Keywords)=' "$f"; then
    if ! printf '%s\n' "$listed" | grep -qxF "$f"; then
      case "$f" in
        data/*.gresource.xml|src/*/*.gresource.xml) continue ;;
      esac
      echo "$f has translatable strings but is not in po/POTFILES.in"
      status=1
    fi
  fi
done

exit $status
