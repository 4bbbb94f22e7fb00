#!/bin/sh
# Rebuilds fixtures/x509-dn-attributes/: a loopback TLS 1.2 handshake whose self-signed server
# certificate carries the less common DN attributes (domainComponent, description, dnQualifier,
# name, generationQualifier), to check their value types (IA5String, DirectoryString,
# PrintableString) against tshark. Needs openssl and tcpdump (root, loopback only, port 10099).
set -eu
cd "$(dirname "$0")/.."
OUT=fixtures/x509-dn-attributes
TMP=$(mktemp -d)
trap 'kill $TD 2>/dev/null || true; rm -rf "$TMP"' EXIT
mkdir -p "$OUT"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$TMP/k.pem" -out "$OUT/server.crt" -days 3650 \
  -subj "/DC=example/DC=com/description=test cert/dnQualifier=q1/name=Some Name/generationQualifier=III/CN=localhost" 2>/dev/null
tcpdump -i lo -U -s 0 -w "$TMP/capture.pcap" 'tcp port 10099' 2>/dev/null &
TD=$!
sleep 2
timeout 15 openssl s_server -accept 127.0.0.1:10099 -cert "$OUT/server.crt" -key "$TMP/k.pem" -naccept 1 -tls1_2 -www >/dev/null 2>&1 &
sleep 2
printf 'GET / HTTP/1.0\r\n\r\n' | timeout 5 openssl s_client -connect 127.0.0.1:10099 -tls1_2 -ign_eof >/dev/null 2>&1
sleep 2
kill -INT $TD
wait $TD 2>/dev/null || true
cp "$TMP/capture.pcap" "$OUT/capture.pcap"
echo "written $OUT/capture.pcap"
