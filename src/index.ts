// The wirebook library: `import { decodeCapture } from 'wirebook'`.
export { decodeCapture, decodeCaptureDetailed, type DecodeOptions, type DecodeResult } from './decode.ts';
export { reassembleFile, type FileReassembly } from './tcp/file.ts';
export { captureToJson, fieldToJson, WIREBOOK_VERSION, type JsonOptions, type FieldJson } from './model/serialize.ts';
export type { DecodedCapture, DecodedConnection, DecodedFrame, MessageRef, Calculation, TransportSummary } from './model/decoded.ts';
export type { Field, FieldValue } from './model/field.ts';
export { walkFields, leafFields, findField, findFields, malformedFields, kbKey } from './model/field.ts';
export type { Span, FrameSpan, BufferSpan } from './model/span.ts';
export { CaptureError, type CaptureFormat, type Frame } from './capture/frame.ts';
export { readCaptureBytes, openCapture } from './capture/read.ts';
