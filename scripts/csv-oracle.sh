#!/bin/sh
# Regenerates the LibreOffice oracle of the CSV view (test/exporters/csv-libreoffice.test.ts): the CSV of
# fixtures/chaoyang-2021-ledger.txt opened by LibreOffice Calc's CSV filter (comma, double quotes, UTF-8)
# with every column read as text (so "1.10" stays an id, not the number 1.1) and saved as .xlsx, which the test reads back and compares cell by cell with what toCsv writes now.
# Needs the built CLI (npm run build) and LibreOffice (libreoffice-calc).
set -eu
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
node bin/ledger.js parse fixtures/chaoyang-2021-ledger.txt -f csv -q > "$work/chaoyang-2021-ledger.csv"
text_columns=$(seq -s/ 1 40 | sed 's#\([0-9][0-9]*\)#\1/2#g')
soffice -env:UserInstallation="file://$work/profile" --headless --infilter="CSV:44,34,76,1,$text_columns" \
  --convert-to xlsx --outdir "$work" "$work/chaoyang-2021-ledger.csv" > /dev/null
cp "$work/chaoyang-2021-ledger.xlsx" test/exporters/oracles/chaoyang-2021-ledger.csv.xlsx
echo "wrote test/exporters/oracles/chaoyang-2021-ledger.csv.xlsx"
