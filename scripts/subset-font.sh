#!/usr/bin/env bash
# Makes the CJK font the PDFs embed (crates/server/assets/fonts/NotoSansSC-Regular-subset.otf):
# Noto Sans CJK SC Regular (SIL Open Font License 1.1, from Debian's fonts-noto-cjk), subset to
# GB 2312's 7,445 characters, every character of data/divisions.csv (ten of the place names
# are outside GB 2312) and the full-width punctuation the documents use. Run again when a
# document needs a character the test `pdf::tests::font_covers_*` reports missing.
# Needs: apt-get install fonts-noto-cjk; pip install fonttools.
set -euo pipefail
cd "$(dirname "$0")/.."
out=crates/server/assets/fonts/NotoSansSC-Regular-subset.otf
chars=$(mktemp)
python3 - "$chars" <<'PY'
import sys
chars = set()
for hi in range(0xA1, 0xF8):
    for lo in range(0xA1, 0xFF):
        try:
            chars.add(bytes([hi, lo]).decode("gb2312"))
        except UnicodeDecodeError:
            pass
chars.update(chr(c) for c in range(0x20, 0x7F))
chars.update("（）【】《》“”‘’、。，：；！？—…·　〔〕％＋－０１２３４５６７８９")
chars.update(c for c in open("data/divisions.csv", encoding="utf-8").read() if c not in "\r\n")
open(sys.argv[1], "w", encoding="utf-8").write("".join(sorted(chars)))
PY
pyftsubset /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc --font-number=2 \
  --text-file="$chars" --output-file="$out" --layout-features='' --no-hinting --name-IDs='*'
rm -f "$chars"
ls -l "$out"
