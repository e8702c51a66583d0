#!/usr/bin/env bash
# The reports as a person sees them: render the example agency's site
# (plain, redacted, and a probe whose records hold markup in a name and a
# note), open every page in headless Chromium, keep a screenshot of each
# and check the DOM: no template error, no unescaped value, nothing from
# the network. .ci/run calls this only when `chromium` is on PATH.
#
#   bash scripts/browser-check.sh            # screenshots stay in a temp folder
#   KEEP=/some/dir bash scripts/browser-check.sh
set -euo pipefail
cd "$(dirname "$0")/.."

command -v chromium >/dev/null || { echo "browser-check: chromium is not on PATH" >&2; exit 2; }

work="${KEEP:-$(mktemp -d "${TMPDIR:-/tmp}/carebook-browser.XXXXXX")}"
mkdir -p "$work"
shots="$work/screenshots"
mkdir -p "$shots"
today=2026-11-23

# The example agency, with the fixed rota of the report tests when the
# agency has none for that week, so that a rota page exists.
records="$work/records"
rm -rf "$records"
cp -r examples "$records"
if [ ! -e "$records/rotas/2026-W49.yaml" ]; then
  mkdir -p "$records/rotas"
  cp tests/fixtures/report/rotas/2026-W49.yaml "$records/rotas/"
fi

# The probe: markup where a name and a note belong.
probe="$work/probe"
rm -rf "$probe"
cp -r "$records" "$probe"
sed -i 's|^name: Margaret Ellis$|name: "<script>alert(1)</script>"|' "$probe/service-users/SU-0001.yaml"
sed -i 's|^name: Tomasz Nowak$|name: "<img src=x onerror=alert(2)>"|' "$probe/carers/C-0004.yaml"
sed -i 's|^communication: .*$|communication: "</td></tr></table><b id=injected>bold</b>"|' "$probe/service-users/SU-0002.yaml"

carebook() { cargo run --quiet -- "$@"; }
carebook build "$records" --today "$today" --out "$work/site" >/dev/null
carebook build "$records" --today "$today" --out "$work/site-redacted" --redact >/dev/null
carebook build "$probe" --today "$today" --out "$work/site-probe" >/dev/null

chrome() {
  local profile
  profile="$(mktemp -d "$work/profile.XXXXXX")"
  timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" "$@" 2>/dev/null
  rm -rf "$profile"
}

failures=0
fail() { echo "FAIL $1: $2" >&2; failures=$((failures + 1)); }
pages=0
for site in site site-redacted site-probe; do
  for page in "$work/$site"/*.html; do
    pages=$((pages + 1))
    name="$site-$(basename "$page" .html)"
    url="file://$page"
    shot="$shots/$name.png"
    chrome --screenshot="$shot" --window-size=1240,1754 "$url" >/dev/null
    [ -s "$shot" ] || fail "$name" "no screenshot"
    dom="$(chrome --window-size=1240,1754 --dump-dom "$url")"
    case "$dom" in
      *"</html>"*) ;;
      *) fail "$name" "Chromium returned no page"; continue ;;
    esac
    # A template error, or template syntax left in the page.
    for bad in '{{' '{%' '%}' '}}' 'Template error' 'carebook::template'; do
      [[ "$dom" == *"$bad"* ]] && fail "$name" "shows $bad"
    done
    # The pages need no script and load nothing: any element of these
    # kinds is a value that escaped.
    for tag in '<script' '<img' '<iframe' '<object' '<link' 'id="injected"'; do
      [[ "$dom" == *"$tag"* ]] && fail "$name" "has $tag in its DOM"
    done
    grep -qE '(src|href)="(https?:)?//' "$page" && fail "$name" "links to the network"
    grep -qE '@import|url\(' "$page" && fail "$name" "loads a stylesheet or font"
  done
done

# The probe's values show as text.
probe_dom="$(chrome --window-size=1240,1754 --dump-dom "file://$work/site-probe/service-users.html")"
[[ "$probe_dom" == *'&lt;script&gt;alert(1)&lt;/script&gt;'* ]] || fail probe "the name does not show as text"
[[ "$probe_dom" == *'&lt;b id=injected&gt;bold&lt;/b&gt;'* ]] || fail probe "the note does not show as text"
rota_dom="$(chrome --window-size=1240,1754 --dump-dom "file://$work/site-probe/rota-2026-W49.html")"
[[ "$rota_dom" == *'&lt;img src=x onerror=alert(2)&gt;'* ]] || fail probe "the carer's name does not show as text"

echo "browser-check: $pages pages, $failures failures; screenshots in $shots"
[ "$failures" -eq 0 ]
