#!/bin/sh
# Re-creates the two font files committed next to this script from the Debian
# package `fonts-dejavu-core` (DejaVu Sans 2.37). Run by hand when the character
# set changes; CI does NOT run it (the output is committed).
#
#   pip install fonttools      # provides pyftsubset
#   sh src/pdf/fonts/subset.sh
#
# Kept: Basic Latin, Latin-1 Supplement, Latin Extended-A and -B, IPA-free
# spacing modifiers, combining diacritics (typed as separate marks), Greek,
# Cyrillic (+ Supplement), Latin Extended Additional (Welsh ŵ ŷ, Vietnamese),
# General Punctuation, currency symbols, letterlike symbols (№ ™), arrows,
# box drawing, geometric shapes (□ ■) and U+FFFD, the placeholder the PDF
# prints for a character it cannot show.
set -eu
SRC=${DEJAVU_DIR:-/usr/share/fonts/truetype/dejavu}
OUT=$(dirname "$0")
UNICODES="U+0020-007E,U+00A0-00FF,U+0100-017F,U+0180-024F,U+02B0-02FF,U+0300-036F,\
U+0370-03FF,U+0400-04FF,U+0500-052F,U+1E00-1EFF,U+2000-206F,U+20A0-20CF,\
U+2100-214F,U+2190-21FF,U+2500-257F,U+25A0-25FF,U+FFFD"
for face in DejaVuSans DejaVuSans-Bold; do
  pyftsubset "$SRC/$face.ttf" \
    --unicodes="$UNICODES" \
    --layout-features='' \
    --no-hinting \
    --desubroutinize \
    --drop-tables+=DSIG,GSUB,GPOS,GDEF,kern,FFTM \
    --name-IDs='*' \
    --name-legacy \
    --notdef-outline \
    --output-file="$OUT/$face.ttf"
done
ls -l "$OUT"/*.ttf
