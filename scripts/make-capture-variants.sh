#!/bin/sh
# Rebuilds fixtures/variants/: capture variants made from one real tcpdump capture with Debian's
# editcap/mergecap (apt-get install tshark) and scripts/make-capture-variants.ts (hand-made pcapng
# layouts and hostile files). See fixtures/variants/README.md for what each file is.
set -eu
cd "$(dirname "$0")/.."
SRC=fixtures/tls12-rsa-kx-aes128-gcm/capture.pcap
SLL2=fixtures/tls13-linux-cooked-any/capture.pcap
OUT=fixtures/variants
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$OUT"

editcap -F nsecpcap "$SRC" "$OUT/ns.pcap"
editcap -F pcapng "$SRC" "$OUT/editcap.pcapng"
# Two interfaces with different link types and timestamp resolutions (Ethernet µs, SLL2 ns).
editcap -F nsecpcap "$SLL2" "$TMP/sll2-ns.pcap"
mergecap -F pcapng -w "$OUT/multi-interface.pcapng" "$SRC" "$TMP/sll2-ns.pcap"
node --import tsx scripts/make-capture-variants.ts "$SRC" "$OUT"

# A tcpdump -X text dump with two broken lines: bad hex on line 20 (packet 4), a skipped offset on line 31 (packet 5).
awk 'NR==20 { sub(/0a43/, "0azz") } NR==31 { sub(/0x0010:/, "0x0020:") } { print }' \
  fixtures/text-dumps/scenario1-tcpdump-X-nn.txt > "$OUT/broken-line-tcpdump-X.txt"
echo "variants written to $OUT"
