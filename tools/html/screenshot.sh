#!/usr/bin/env bash
# Renders nommer's HTML page of the seed article in headless Chromium and writes
# docs/html-page.png (1280 px wide; --width 420 for a phone).
#
#   tools/html/screenshot.sh                   # the seed's page, built by `cargo test --test html`
#   tools/html/screenshot.sh --page FILE.html  # any page
#   tools/html/screenshot.sh --width 420 --out target/html-phone.png
#
# Installs Debian's chromium if it is missing (needs root, or sudo).
set -euo pipefail
cd "$(dirname "$0")/../.."

page="" width=1280 height=2000 out=docs/html-page.png
while [ $# -gt 0 ]; do
    case "$1" in
        --page) page="$2"; shift 2 ;;
        --width) width="$2"; shift 2 ;;
        --height) height="$2"; shift 2 ;;
        --out) out="$2"; shift 2 ;;
        -h|--help) sed -n 2,9p "$0"; exit 0 ;;
        *) echo "screenshot.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done

if [ ! -x /usr/bin/chromium ]; then
    sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
    $sudo apt-get update -qq && $sudo apt-get install -y -qq chromium
fi

if [ -z "$page" ]; then
    # The test writes the seed's page (Extractor::analyse) under target/tmp/html/.
    cargo test -q --test html seed_page >/dev/null
    page=target/tmp/html/seed.html
fi
[ -f "$page" ] || { echo "screenshot.sh: no page $page" >&2; exit 1; }

mkdir -p "$(dirname "$out")"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
/usr/bin/chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars \
    --user-data-dir="$profile" --window-size="$width,$height" \
    --screenshot="$out" "file://$(realpath "$page")" 2>/dev/null
echo "$out: $(du -k "$out" | cut -f1) kB, from $page at ${width}x$height"
