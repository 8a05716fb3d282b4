#!/usr/bin/env bash
# Renders nommer's HTML page of the seed article in headless Chromium and writes
# docs/html-page.png (1280 px wide; --width 420 for a phone).
#
#   tools/html/screenshot.sh                   # the seed's page, built by `cargo test --test html`
#   tools/html/screenshot.sh --page FILE.html  # any page
#   tools/html/screenshot.sh --width 420 --out target/html-phone.png
#   tools/html/screenshot.sh --validate       # also parse the page with html5lib (strict
#                                             # WHATWG parsing) and fail on any parse error
#
# Installs Debian's chromium if it is missing (needs root, or sudo).
set -euo pipefail
cd "$(dirname "$0")/../.."

page="" width=1280 height=2000 out=docs/html-page.png validate=""
while [ $# -gt 0 ]; do
    case "$1" in
        --page) page="$2"; shift 2 ;;
        --width) width="$2"; shift 2 ;;
        --height) height="$2"; shift 2 ;;
        --out) out="$2"; shift 2 ;;
        --validate) validate=1; shift ;;
        -h|--help) sed -n 2,12p "$0"; exit 0 ;;
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

if [ -n "$validate" ]; then
    venv=target/html-venv
    [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
    "$venv/bin/python" -c "import html5lib" 2>/dev/null || "$venv/bin/pip" install -q "html5lib==1.1"
    "$venv/bin/python" tools/html/validate.py "$page"
fi

mkdir -p "$(dirname "$out")"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
/usr/bin/chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars \
    --user-data-dir="$profile" --window-size="$width,$height" \
    --screenshot="$out" "file://$(realpath "$page")" 2>/dev/null
kb=$(du -k "$out" | cut -f1)
echo "$out: $kb kB, from $page at ${width}x$height"
[ "$kb" -lt 500 ] || echo "screenshot.sh: $out is over 500 kB; the README's picture should stay under" >&2
