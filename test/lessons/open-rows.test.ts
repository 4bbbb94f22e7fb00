// A lesson cell opens its field rows only on the way to the fields the lesson names, so a
// paragraph about the client random is not followed by 31 open cipher-suite rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { decodeCapture } from '../../src/decode.ts';
import { renderDirective } from '../../src/lessons/cells.ts';
import { parseDirective } from '../../src/lessons/fence.ts';

const CAPTURE = 'fixtures/tls13-aes256-gcm/capture.pcap';

/** Whether the <details> row with this permalink id starts open in the cell. */
function rowOpen(html: string, id: string): boolean | undefined {
  const m = new RegExp(`<details class="fld" id="${id}"( open)?>`).exec(html);
  return m ? m[1] !== undefined : undefined;
}

test('fields= opens the rows leading to the named fields and leaves the other subtrees closed', () => {
  const capture = decodeCapture(readFileSync(CAPTURE));
  const focused = renderDirective(capture, parseDirective(`wirebook capture=${CAPTURE} select="c1 ClientHello" fields="tls.handshake.random"`, 'x.md', 1), 'x.md');
  assert.equal(rowOpen(focused, 'c1-client_hello'), true);
  assert.equal(rowOpen(focused, 'c1-client_hello-cipher_suites'), false);
  assert.equal(rowOpen(focused, 'c1-client_hello-extensions'), false);
  // Naming a cipher suite opens its list; without fields= the first three levels start open.
  const suites = renderDirective(capture, parseDirective(`wirebook capture=${CAPTURE} select="c1 ClientHello" fields="tls.handshake.ciphersuite"`, 'x.md', 1), 'x.md');
  assert.equal(rowOpen(suites, 'c1-client_hello-cipher_suites'), true);
  assert.equal(rowOpen(suites, 'c1-client_hello-extensions'), false);
  const plain = renderDirective(capture, parseDirective(`wirebook capture=${CAPTURE} select="c1 ClientHello"`, 'x.md', 1), 'x.md');
  assert.equal(rowOpen(plain, 'c1-client_hello-cipher_suites'), true);
});
