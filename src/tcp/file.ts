// Streamed reassembly of a capture file with nothing else loaded: the entry for benchmarks and for
// a streaming decoder, which should not pay for importing the TLS, decryption and rendering stages.
import { openCapture } from '../capture/read.ts';
import { CaptureError } from '../capture/frame.ts';
import { Reassembler, type ReassemblerOptions } from './reassemble.ts';
import type { Connection } from './types.ts';

/** Counts of a streamed pass, and the connections not handed out to `onConnectionClosed`. */
export interface FileReassembly {
  frames: number;
  /** Captured frame bytes read. */
  bytes: number;
  connections: Connection[];
}

/**
 * Reads a capture file (or '-' for stdin) chunk by chunk and reassembles it without keeping
 * frames: memory follows the TCP payload of the connections kept, not the file. With
 * `onConnectionClosed`, closed connections go to the callback as they close and memory stays flat.
 * Throws CaptureError when the input is unreadable.
 */
export async function reassembleFile(path: string, options: ReassemblerOptions = {}): Promise<FileReassembly> {
  const stream = await openCapture(path);
  const reassembler = new Reassembler(options);
  let frames = 0;
  let bytes = 0;
  // One await per file chunk; frame bytes are views into the chunk and only payload is copied.
  for await (const batch of stream.batches()) {
    for (const frame of batch) {
      frames += 1;
      bytes += frame.data.length;
      reassembler.push(frame);
    }
  }
  if (frames === 0 && stream.problems.length > 0) {
    const p = stream.problems[0]!;
    throw new CaptureError(p.message, p.offset, p.line);
  }
  const connections = reassembler.finish();
  return { frames, bytes, connections };
}
