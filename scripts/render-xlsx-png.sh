#!/bin/sh
# Renders the first printed page of a notice's Excel 台账 to PNG, as LibreOffice prints it
# (the README picture). Needs the built CLI (npm run build), LibreOffice Calc, a CJK font and
# poppler: apt-get install -y libreoffice-calc fonts-wqy-zenhei poppler-utils
#
#   scripts/render-xlsx-png.sh [NOTICE] [OUT.png]    (default: the 朝阳区 fixture → docs/chaoyang-ledger.png)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
notice=${1:-"$root/fixtures/chaoyang-2021-ledger.txt"}
out=${2:-"$root/docs/chaoyang-ledger.png"}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

node "$root/bin/ledger.js" parse "$notice" --quiet -o "$work/ledger.xlsx"
# A private profile: a LibreOffice already running for the user would otherwise swallow the job.
soffice -env:UserInstallation="file://$work/profile" --headless --convert-to pdf --outdir "$work" "$work/ledger.xlsx" >/dev/null
pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$work/ledger.pdf" "${out%.png}"
echo "$out"
