/**
 * How a body the program cancelled is recorded: the response row keeps its status, headers and the
 * bytes that had arrived, with a note that says so, in the sandbox's event (capped like any text),
 * in the Network panel's row and in the run record.
 */
import { describe, expect, it } from 'vitest';
import { NetworkModel } from '../examples/network-model.ts';
import { capNetworkEvent, NETWORK_CAPS } from './network-caps.ts';
import type { NetworkEvent } from './protocol.ts';
import { RunRecorder } from './run-record.ts';

const request: NetworkEvent = {
  kind: 'request',
  id: 1,
  time: 0,
  method: 'GET',
  url: 'https://api.example.com/sse?count=1000',
  headers: [],
  body: null,
};

const cancelled: NetworkEvent = {
  kind: 'response',
  id: 1,
  time: 1500,
  status: 200,
  statusText: 'OK',
  headers: [['content-type', 'text/event-stream; charset=utf-8']],
  body: { text: 'id: 1\n', truncated: 0 },
  note: 'The program cancelled the body after 217 bytes had arrived',
};

describe('a cancelled body in the record', () => {
  it('the note is capped like any text of a row, and left out when there is none', () => {
    const long = capNetworkEvent({ ...cancelled, note: 'n'.repeat(10_000) });
    expect(long.kind === 'response' && long.note!.length).toBeLessThan(NETWORK_CAPS.textChars + 40);
    const plain: NetworkEvent = { ...cancelled, note: undefined };
    delete (plain as { note?: string }).note;
    expect(capNetworkEvent(plain)).not.toHaveProperty('note');
  });

  it('the Network panel shows the status and says why the body is short', () => {
    const model = new NetworkModel();
    model.apply(request);
    const row = model.apply(cancelled)!;
    expect(row).toMatchObject({
      state: 'done',
      statusLabel: '200 OK',
      reason: 'The program cancelled the body after 217 bytes had arrived',
      responseBody: { text: 'id: 1\n', truncated: 0 },
      durationMs: 1500,
    });
  });

  it('the run record keeps the status and the note as the reason', () => {
    const recorder = new RunRecorder('real');
    recorder.apply({ type: 'network', event: request });
    recorder.apply({ type: 'network', event: cancelled });
    expect(recorder.record.network[0]).toMatchObject({
      status: 200,
      outcome: 'ok',
      endMs: 1500,
      reason: 'The program cancelled the body after 217 bytes had arrived',
    });
  });
});
