// Byte coverage (DESIGN.md: "Coverage is measured, not assumed"): how many bytes of a
// connection's TCP streams lie under leaf fields of its TLS decode.
import type { DecodedConnection } from '../model/decoded.ts';
import { leafFields } from '../model/field.ts';
import { isFrameSpan } from '../model/span.ts';
import type { Connection } from '../tcp/types.ts';

/** Stream bytes of both directions and how many of them some leaf field covers (each (frame, offset) once). */
export function tlsCoverage(conn: Connection, decoded: Pick<DecodedConnection, 'fields'>): { streamBytes: number; coveredBytes: number; uncovered: { frame: number; offset: number }[] } {
  const stream = new Map<number, Set<number>>();
  let streamBytes = 0;
  for (const side of [conn.c2s, conn.s2c]) {
    for (const chunk of side.chunks) {
      for (const s of chunk.segments) {
        let set = stream.get(s.frame);
        if (!set) stream.set(s.frame, (set = new Set()));
        for (let i = 0; i < s.length; i++) {
          if (!set.has(s.frameOffset + i)) streamBytes++;
          set.add(s.frameOffset + i);
        }
      }
    }
  }
  const covered = new Map<number, Set<number>>();
  let coveredBytes = 0;
  for (const leaf of leafFields(decoded.fields)) {
    for (const span of leaf.spans) {
      if (!isFrameSpan(span)) continue;
      const inStream = stream.get(span.frame);
      if (!inStream) continue;
      let set = covered.get(span.frame);
      if (!set) covered.set(span.frame, (set = new Set()));
      for (let i = 0; i < span.length; i++) {
        const at = span.offset + i;
        if (inStream.has(at) && !set.has(at)) {
          set.add(at);
          coveredBytes++;
        }
      }
    }
  }
  const uncovered: { frame: number; offset: number }[] = [];
  for (const [frame, set] of stream) {
    for (const at of set) if (!covered.get(frame)?.has(at) && uncovered.length < 20) uncovered.push({ frame, offset: at });
  }
  return { streamBytes, coveredBytes, uncovered };
}
