#!/bin/sh
# Seeds every target's corpus (fuzz/corpus/TARGET, git-ignored) from the real files in
# tests/data/ and the repository's own examples. Run from the repository root or from fuzz/.
set -eu
cd "$(dirname "$0")"
data=../tests/data
c=corpus
mkdir -p $c/corpus_record $c/corpus_read_file $c/judilibre $c/history $c/xml $c/archive \
  $c/mapping $c/policy $c/keymap $c/normalize $c/align $c/json
# Corpus lines: records built from the Judilibre samples, one per file, and a JSON Lines file.
cp $data/judilibre/*.json $c/corpus_record/
cp $data/judilibre/*.json $c/corpus_read_file/
printf '{"id":"a","text":"x"}\n\n{"id":2}\n[1]\n{"id":"b"\n' > $c/corpus_read_file/lines.jsonl
printf '[{"id":"a"},{"id":"b","text":"t"},]' > $c/corpus_read_file/array.json
printf '{"meta":{"ref":"r1"},"content":{"body":"La Cour"},"ids":["JURITEXT000048176061"]}' \
  > $c/corpus_record/mapped.json
cp $data/judilibre/*.json $c/judilibre/
# JSON values: the same samples, and escapes, numbers and nesting serde_json knows.
cp $data/judilibre/*.json $c/json/
printf '{"a":[1,-2.5e3,true,null,{"b":"\\ud83d\\ude00\\n\\u00e9\\"\\\\"}],"c":{}}' > $c/json/mixed.json
printf '{"transactions":[{"id":"a1","action":"deleted","date":"2026-11-10T10:00:00Z"},{"id":"b2","action":"created","date":"2026-10-01"}],"next_batch":null}\n' \
  > $c/history/page.json
printf '{"transactions":[{"id":"c3","action":"deleted","date":"2026-11-02"}]}\n{"id":"c3","action":"created"}\n' \
  > $c/history/lines.jsonl
# XML: a handful of the DILA decisions (the smallest) and the administrative one.
ls -S $data/dila-cass/*.xml | tail -n 12 | xargs -I{} cp {} $c/xml/
cp $data/ce/*.xml $c/xml/
# Archives: a tar.gz and a zip of a few decisions, and a plain gzip.
tmp=$(mktemp -d)
ls -S $data/dila-cass/*.xml | tail -n 3 | xargs -I{} cp {} "$tmp"/
tar -czf $c/archive/dila.tar.gz -C "$tmp" .
gzip -c "$(ls -S $data/dila-cass/*.xml | tail -n 1)" > $c/archive/one.xml.gz
if command -v zip >/dev/null; then (cd "$tmp" && zip -q -r - .) > $c/archive/ce.zip; fi
python3 - "$tmp" $c/archive/py.zip <<'PY' || true
import sys, zipfile, os
d, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for n in sorted(os.listdir(d)):
        z.write(os.path.join(d, n), n)
PY
rm -rf "$tmp"
# Configuration files.
printf '[fields]\nid = "ref"\ntext = "content.body"\n[defaults]\nattribution = "Source : Légifrance"\nexcerpt = true\n' \
  > $c/mapping/mapping.toml
printf '[rules.MSK002]\npenalty = "permanent"\n[rules.INT007]\nseverity = "low"\n' > $c/policy/policy.toml
cp ../keymap.toml $c/keymap/
# Texts: decision texts from the samples (the normaliser and aligner take any text).
for f in $(ls -S $data/dila-cass/*.xml | tail -n 6); do
  cp "$f" $c/normalize/
  # A reference and a record: the same text twice, separated by NUL, the second one altered.
  { cat "$f"; printf '\0'; sed 's/Cour/cour [X]/g' "$f"; } > $c/align/$(basename "$f").pair
done
printf 'M.\xc2\xa0[K] a \xc2\xab form\xc3\xa9 \xc2\xbb le pourvoi&nbsp;<br/>l\xe2\x80\x99arr\xc3\xaat' > $c/normalize/typo.txt
echo "seeded $(find $c -type f | wc -l) files"
