#!/usr/bin/env bash
# Runs the libFuzzer targets over the portal's parsers and page pipeline.
#
#   Scripts/fuzz.sh [TARGET|all] [SECONDS]      default: all targets, 300 s each
#
# Targets: front-matter (splitter and decoder), occupation-codes (the recognizer),
# markdown-page (one document through every check and page generator),
# theme-template (theme templates, with includes between them, loaded and rendered).
# A crash or hang stops the run and saves the input as
# Tests/Fixtures/fuzz/TARGET/crash-… (or timeout-…); commit it, and
# FuzzRegressionTests replays it in every `swift test` from then on.
# The growing corpus stays in .build-fuzz/corpus/TARGET between runs.
set -euo pipefail
cd "$(dirname "$0")/.."

targets=(front-matter occupation-codes markdown-page theme-template)
which=${1:-all}
seconds=${2:-300}
if [ "$which" != all ]; then
    [[ " ${targets[*]} " == *" $which "* ]] || { echo "unknown target '$which'; use one of: ${targets[*]} all" >&2; exit 2; }
    targets=("$which")
fi

swift build -c release --scratch-path .build-fuzz --sanitize=fuzzer -Xswiftc -DFUZZING --product PortalFuzz
binary=.build-fuzz/release/PortalFuzz

# Seeds: every real document, whole, so the fuzzer starts from valid front matter and Markdown.
seeds=.build-fuzz/seeds
rm -rf "$seeds" && mkdir -p "$seeds"
find Content Tests/Fixtures/injection/Content -name '*.md' -exec cp {} "$seeds"/ \; 2>/dev/null || true

status=0
for target in "${targets[@]}"; do
    corpus=.build-fuzz/corpus/$target
    regressions=Tests/Fixtures/fuzz/$target
    mkdir -p "$corpus" "$regressions"
    # The theme target also starts from the real templates, with Mustache's tags as its dictionary.
    # (after the corpus: libFuzzer adds new inputs to the first folder it is given).
    dictionary=() templates=()
    if [ "$target" = theme-template ]; then dictionary=(-dict=Scripts/theme-template.dict) templates=(Theme/templates); fi
    echo "== fuzzing $target for ${seconds}s"
    # SWIFT_BACKTRACE=enable=no leaves a trap to libFuzzer, which then saves the input.
    if ! SWIFT_BACKTRACE=enable=no FUZZ_TARGET=$target PORTAL_REPOSITORY=$PWD "$binary" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len=65536 -print_final_stats=1 \
        -artifact_prefix="$regressions/" "${dictionary[@]}" "$corpus" "$seeds" "$regressions" "${templates[@]}"; then
        echo "fuzz target $target failed; the input is saved in $regressions/ — commit it as a regression fixture" >&2
        status=1
    fi
done
exit $status
