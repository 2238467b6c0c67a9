#!/usr/bin/env bash
# Builds the release binary the way it ships: the Swift runtime and Foundation
# linked into it (--static-swift-stdlib), so it starts without loading a dozen
# Swift shared libraries (check on the guide: ~50 ms instead of ~80 ms, ~6 MB
# less peak RSS; docs/benchmarks.md), linked by lld with packed relocations
# where glibc supports them (~3 MB less again). libcrypto stays a shared
# system library; so do libcurl and libxml2, loaded only when a command first
# sends a request or parses an XML answer. Prints the binary's path on
# standard output.
#
#   scripts/build-release.sh                 # into .build-static
#   scripts/build-release.sh --dynamic       # plain `swift build -c release` into .build-rel
#   BUILD_SCRATCH=DIR scripts/build-release.sh [--dynamic]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
mode=static
[[ "${1:-}" == "--dynamic" ]] && mode=dynamic

if [[ "$mode" == dynamic ]]; then
    scratch="${BUILD_SCRATCH:-.build-rel}"
    swift build -c release --scratch-path "$scratch" --product hydrous-audit >&2
    echo "$scratch/release/hydrous-audit"
    exit 0
fi

scratch="${BUILD_SCRATCH:-.build-static}"
flags=()
# libcurl is loaded on first use, not at start (Sources/LazyCurl): Swift's
# autolinking would add -lcurl for every module that imports
# FoundationNetworking, making libcurl and the ~30 libraries it needs a load-time
# dependency of every command (~10 ms and ~490 page faults at each start,
# docs/benchmarks.md). Without it, LazyCurl's forwarders are the only
# definitions of the 23 libcurl functions FoundationNetworking calls; the link
# fails if they are missing. No libcurl development package is needed either.
flags+=(-Xswiftc -Xfrontend -Xswiftc -disable-autolink-library -Xswiftc -Xfrontend -Xswiftc curl)
# libxml2 likewise (Sources/LazyXML): FoundationXML parses only AWS's XML
# answers, yet autolinking made libxml2 and what it needs (ICU, zlib, liblzma)
# a load-time dependency of every command (~1.1-1.6 ms and ~70 page faults at
# each start). LazyXML's forwarders define the 97 functions and the `xmlFree`
# variable FoundationXML uses; the link fails if one is missing.
flags+=(-Xswiftc -Xfrontend -Xswiftc -disable-autolink-library -Xswiftc -Xfrontend -Xswiftc xml2)
# Link with lld and packed relative relocations (DT_RELR) where the C library
# can load them (glibc 2.36+) and the toolchain has lld: the position-
# independent binary's ~87,000 R_X86_64_RELATIVE entries (2.1 MB of .rela.dyn,
# read at every start) become a 17 KB bitmap, and every command's peak RSS
# drops by ~3 MB (docs/benchmarks.md). The binary stays a PIE (ASLR kept).
# Elsewhere: the default linker, as before.
glibc="$(getconf GNU_LIBC_VERSION 2>/dev/null | awk '{print $2}')"
if [[ -x "$(dirname "$(readlink -f "$(command -v swiftc)")")/ld.lld" ]] && [[ -n "$glibc" ]] \
    && [[ "$(printf '%s\n' 2.36 "$glibc" | sort -V | head -n 1)" == 2.36 ]]; then
    flags+=(-Xswiftc -use-ld=lld -Xlinker -z -Xlinker pack-relative-relocs)
    # And lay out the functions a run executes together (scripts/hot-symbols.txt,
    # written by scripts/hot-symbols.sh): a run then maps ~5 MB less of the
    # binary's text (docs/benchmarks.md). Names a newer build lacks are skipped.
    if [[ -f scripts/hot-symbols.txt ]]; then
        flags+=(-Xlinker "--symbol-ordering-file=$repo/scripts/hot-symbols.txt" -Xlinker --no-warn-symbol-ordering)
    fi
fi
swift build -c release --static-swift-stdlib --scratch-path "$scratch" --product hydrous-audit "${flags[@]}" >&2
echo "$scratch/release/hydrous-audit"
