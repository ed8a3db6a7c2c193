// Interop client for LocalAgent's gateway, written against docs/PROTOCOL.md with the `ws`
// library. Usage: LOCALAGENT_TOKEN=... node gateway-client.mjs ws://127.0.0.1:PORT/v1/ws
// Connects, authenticates, opens a session, streams one turn, sends a second prompt and drops
// the connection at once (no close handshake), reconnects and resumes with session.attach from
// the last seq it saw. Prints every received event as one JSON line: {phase, seq, type, event}.
import WebSocket from 'ws';

const url = process.argv[2];
const token = process.env.LOCALAGENT_TOKEN;
let nextId = 1;

function connect() {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: true });
    const pending = new Map();
    const events = [];
    let waiter = null;
    ws.on('message', (data) => {
      const parsed = JSON.parse(data.toString());
      for (const msg of Array.isArray(parsed) ? parsed : [parsed]) {
        if (msg.type === 'event') {
          events.push(msg);
          if (waiter) { const w = waiter; waiter = null; w(); }
        } else if (pending.has(msg.id)) {
          const { ok, fail } = pending.get(msg.id);
          pending.delete(msg.id);
          msg.type === 'error' ? fail(new Error(`${msg.code} ${msg.message}`)) : ok(msg.result);
        }
      }
    });
    ws.on('error', reject);
    ws.on('open', () => {
      const request = (type, params = {}) => new Promise((ok, fail) => {
        const id = String(nextId++);
        pending.set(id, { ok, fail });
        ws.send(JSON.stringify({ type, id, ...params }));
      });
      const nextEvent = async () => {
        while (events.length === 0) await new Promise((r) => { waiter = r; });
        return events.shift();
      };
      resolve({ ws, request, nextEvent });
    });
  });
}

function print(phase, frame) {
  console.log(JSON.stringify({ phase, seq: frame.seq, type: frame.event.type, event: frame.event }));
}

const first = await connect();
await first.request('hello', { protocol: 1, token, client: 'node-ws', capabilities: { batching: true } });
const { sessionId } = await first.request('session.open', {});
await first.request('session.prompt', { sessionId, text: 'one two three' });
let lastSeq = 0;
for (;;) {
  const frame = await first.nextEvent();
  print('first', frame);
  lastSeq = frame.seq;
  if (frame.event.type === 'turn.done') break;
}
await first.request('session.prompt', { sessionId, text: 'four five' });
first.ws.terminate(); // Forced disconnect: the second turn runs while nobody is attached.

const second = await connect();
await second.request('hello', { protocol: 1, token, client: 'node-ws', capabilities: { batching: false } });
await second.request('session.attach', { sessionId, fromSeq: lastSeq });
for (;;) {
  const frame = await second.nextEvent();
  print('resumed', frame);
  if (frame.event.type === 'turn.done') break;
}
second.ws.close(1000, 'done');
