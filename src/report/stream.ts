// `wirebook report` on a capture file, streamed: each connection is decoded when TCP closes it,
// diagnosed, turned into its report entry (evidence hex included) and dropped, so memory is the
// capture's frame bytes plus small per-connection entries instead of every decoded field tree.
// The report is identical to reportCapture(decodeCaptureDetailed(file)).
import { forEachConnection, scanCaptureFile } from '../decode-stream.ts';
import type { DecodeOptions } from '../decode.ts';
import { caSummaries } from '../diagnose/certs.ts';
import { diagnoseConnection } from '../diagnose/index.ts';
import type { DiagnoseOptions } from '../diagnose/types.ts';
import { FrameStore } from '../frame-store.ts';
import type { DecodedCapture } from '../model/decoded.ts';
import { ReportBuilder, type ReportOptions } from './build.ts';
import type { Report } from './types.ts';

/**
 * Diagnoses and reports a capture file connection by connection (see the file comment). `decode`
 * makes the decode options, once: decrypters remember sessions, so each decode needs its own.
 */
export async function reportCaptureFile(path: string, decode: () => DecodeOptions, opts: ReportOptions & DiagnoseOptions = {}): Promise<Report> {
  const scan = await scanCaptureFile(path);
  // Header fields are never decoded for reports (frameFields: false), as in the in-memory path.
  const store = new FrameStore();
  // The rules see a capture holding the frames read so far and only the connection in hand (the
  // sessions rule remembers what the connections before it issued, as in the whole capture).
  const capture: DecodedCapture = { input: { format: scan.format, frames: scan.frames, bytes: scan.bytes, sha256: scan.sha256 }, problems: scan.problems, frames: store.frames, connections: [] };
  const cas = caSummaries(opts.cas);
  const builder = new ReportBuilder(opts);
  await forEachConnection(path, decode(), scan.secrets, ({ decoded }) => {
    builder.add(capture, decoded, diagnoseConnection(capture, decoded, opts, cas));
  }, (batch) => store.add(batch));
  return builder.finish(capture.input, capture.problems);
}
