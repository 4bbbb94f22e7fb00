// Direction <-> side and the small wording helpers the rules share.
import type { Direction } from '../capture/frame.ts';
import type { DecodedCapture } from '../model/decoded.ts';
import { findField } from '../model/field.ts';
import type { Span } from '../model/span.ts';

/** The side that sent in this direction. */
export function senderOf(dir: Direction): 'client' | 'server' {
  return dir === 'c2s' ? 'client' : 'server';
}

/** The other party. */
export function peerOf(side: 'client' | 'server'): 'client' | 'server' {
  return side === 'client' ? 'server' : 'client';
}

/** `Client`/`Server` for the start of a sentence. */
export function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Evidence for a TCP event in a frame: its tcp.flags field when decoded, else the whole frame. */
export function frameEvidence(capture: DecodedCapture, frame: number, filter = 'tcp.flags'): Span[] {
  const f = capture.frames[frame - 1];
  if (!f) return [];
  const flags = findField(f.fields, filter);
  if (flags && flags.spans.length > 0) return flags.spans.map((s) => ({ ...s }));
  return [{ frame, offset: 0, length: f.data.length }];
}

/** A list in prose: `a, b and c`, at most `max` items then `and N more`. */
export function listText(items: readonly string[], max = 6): string {
  if (items.length === 0) return 'none';
  const shown = items.slice(0, max);
  const more = items.length - shown.length;
  if (more > 0) return `${shown.join(', ')} and ${more} more`;
  return shown.length === 1 ? shown[0]! : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]!}`;
}

/** `0x0303 (TLS 1.2)` style version names. */
export function versionText(v: number | undefined): string {
  if (v === undefined) return 'unknown';
  const names: Record<number, string> = { 0x0002: 'SSL 2.0', 0x0300: 'SSL 3.0', 0x0301: 'TLS 1.0', 0x0302: 'TLS 1.1', 0x0303: 'TLS 1.2', 0x0304: 'TLS 1.3' };
  return names[v] ?? `0x${v.toString(16).padStart(4, '0')}`;
}
