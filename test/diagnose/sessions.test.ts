// The sessions rule names the connection that issued a resumed session only when it is this one or
// an earlier one, whatever order the connections are diagnosed in: a streamed report diagnoses
// each connection before it reads the next, and must say what the whole capture says.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnoseCapture, diagnoseConnection, noteConnection } from '../../src/diagnose/index.ts';
import type { DecodedCapture } from '../../src/model/decoded.ts';
import { decodeFixture, scenarioCapture } from './pipeline.ts';

function resumedDetail(capture: DecodedCapture, id: number): string | undefined {
  const conn = capture.connections.find((c) => c.id === id)!;
  return diagnoseConnection(capture, conn).findings.find((f) => f.code === 'session-resumed')?.detail;
}

test('a ticket issued in an earlier connection is traced to it, in any diagnosis order', async () => {
  const cap = await decodeFixture(scenarioCapture('tls12-session-ticket-resumption'));
  const fresh = (): DecodedCapture => ({ ...cap, connections: [...cap.connections] });
  const inOrder = diagnoseCapture(fresh()).find((v) => v.id === 2)?.findings.find((f) => f.code === 'session-resumed')?.detail;
  assert.match(inOrder ?? '', /The ticket was issued in connection 1 of this capture\.$/);
  // Connection 2 first, on a capture no diagnosis has indexed yet.
  assert.equal(resumedDetail(fresh(), 2), inOrder);
});

test('a ticket that only a later connection issues is not traced to it', async () => {
  const cap = await decodeFixture(scenarioCapture('tls12-session-ticket-resumption'));
  const [issuer, resumer] = cap.connections;
  // The resuming connection renumbered to come first: the connection that issues its ticket is later.
  const swapped: DecodedCapture = { ...cap, connections: [{ ...resumer!, id: 1 }, { ...issuer!, id: 2 }] };
  const detail = diagnoseCapture(swapped).find((v) => v.id === 1)?.findings.find((f) => f.code === 'session-resumed')?.detail;
  assert.match(detail ?? '', /The ticket was not issued in this capture: the original session happened before the capture started/);
  assert.doesNotMatch(detail ?? '', /connection 2/);
});

test('a streamed capture that lists no connections traces the ticket to a connection only noted, not diagnosed', async () => {
  const cap = await decodeFixture(scenarioCapture('tls12-session-ticket-resumption'));
  const [issuer, resumer] = cap.connections;
  const inMemory = resumedDetail({ ...cap, connections: [...cap.connections] }, 2);
  // As `explain --conn 2` streams: connection 1 passes by unshown, then connection 2 is diagnosed.
  const streamed: DecodedCapture = { ...cap, connections: [] };
  noteConnection(streamed, issuer!);
  assert.equal(diagnoseConnection(streamed, resumer!).findings.find((f) => f.code === 'session-resumed')?.detail, inMemory);
  const unnoted = diagnoseConnection({ ...cap, connections: [] }, resumer!).findings.find((f) => f.code === 'session-resumed')?.detail;
  assert.notEqual(unnoted, inMemory, 'without the note the issuer is unknown');
});
