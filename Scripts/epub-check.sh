#!/usr/bin/env bash
# Runs Debian's epubcheck over every EPUB under the given folder (default Public/); fails unless each
# reports 0 fatal errors, 0 errors and 0 warnings. The jar is run through Java: the package's
# /usr/bin/epubcheck is the jar itself, which runs only where binfmt_misc knows jars.
set -euo pipefail
root="${1:-Public}"
jar=/usr/share/java/epubcheck.jar
[ -e "$jar" ] || { echo "epubcheck is not installed: make epubcheck-deps" >&2; exit 1; }
count=0
failed=0
while IFS= read -r -d '' book; do
    count=$((count + 1))
    report=$(java -jar "$jar" "$book" 2>&1) || true
    if ! grep -q "Messages: 0 fatals / 0 errors / 0 warnings" <<<"$report"; then
        echo "$report" >&2
        echo "epubcheck: $book has problems" >&2
        failed=$((failed + 1))
    fi
done < <(find "$root" -name '*.epub' -print0 | sort -z)
if [ "$count" = 0 ]; then echo "epubcheck: no EPUB under $root" >&2; exit 1; fi
echo "epubcheck: $count EPUB(s), $failed with problems"
[ "$failed" = 0 ]
