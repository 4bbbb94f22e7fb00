// The streamed report (reportCaptureFile, what `wirebook report FILE` runs) equals the report of
// the whole decoded capture on every scenario, with and without keys and redaction.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { decodeCapture, type DecodeOptions } from '../../src/decode.ts';
import { createDecrypter } from '../../src/decrypt/decrypter.ts';
import { loadSecretFiles } from '../../src/decrypt/secrets.ts';
import { renderReportJson, reportCapture } from '../../src/report/index.ts';
import { reportCaptureFile } from '../../src/report/stream.ts';
import { FIXTURES } from '../diagnose/pipeline.ts';

const CASES: { file: string; keylog?: string }[] = [{ file: join(FIXTURES, 'bench/small.pcap'), keylog: join(FIXTURES, 'bench/small.keylog') }];
for (const folder of readdirSync(FIXTURES).sort()) {
  for (const name of ['capture.pcap', 'capture.pcapng']) {
    const file = join(FIXTURES, folder, name);
    if (!existsSync(file)) continue;
    CASES.push({ file });
    const keylog = join(FIXTURES, folder, 'keylog.txt');
    if (existsSync(keylog)) CASES.push({ file, keylog });
  }
}

test('streamed reports equal whole-capture reports on every fixture', async () => {
  assert.ok(CASES.length > 20);
  for (const { file, keylog } of CASES) {
    const secrets = loadSecretFiles(keylog ? { keylog } : {});
    // As the command line decodes: no frame header fields, so evidence cites whole frames.
    const decode = (): DecodeOptions => ({ frameFields: false, decrypterFor: createDecrypter(secrets) });
    const capture = decodeCapture(new Uint8Array(readFileSync(file)), decode());
    for (const redact of [false, true]) {
      const whole = renderReportJson(reportCapture(capture, { redact }));
      const streamed = renderReportJson(await reportCaptureFile(file, decode, { redact }));
      assert.equal(streamed, whole, `${file}${keylog ? ' with keys' : ''}${redact ? ' redacted' : ''}`);
    }
  }
});
