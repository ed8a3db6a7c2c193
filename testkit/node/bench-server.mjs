// The Node `ws` peer for `localagent bench websocket`: the same wire shapes as the gateway, with
// the same stdin commands as dev.localagent.bench.websocket.BenchServer. Broadcast sends each
// event as its own frame to every connection (what a plain ws server does); echo answers every
// message with a pong carrying its id.
import { WebSocketServer } from 'ws';
import readline from 'node:readline';

const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/v1/ws', perMessageDeflate: false });
let seq = 0;
wss.on('connection', (ws) => {
  ws.on('message', (data) => {
    const msg = JSON.parse(data.toString());
    ws.send(JSON.stringify({ type: msg.type === 'ping' ? 'pong' : 'reply', id: msg.id, result: {} }));
  });
});
wss.on('listening', () => console.log(`port ${wss.address().port}`));

async function broadcast(count, perSecond, bytes) {
  const pad = 'x'.repeat(Math.max(0, bytes - 24));
  const start = process.hrtime.bigint();
  const interval = perSecond > 0 ? 1_000_000_000n / BigInt(perSecond) : 0n;
  for (let i = 0; i < count; i++) {
    let stamp = process.hrtime.bigint();
    if (interval > 0n) {
      // Stamped with when the event was due, as BenchServer does, so falling behind shows as latency.
      stamp = start + BigInt(i) * interval;
      while (process.hrtime.bigint() < stamp) await new Promise((r) => setImmediate(r));
    } else if (i % 1000 === 0) {
      await new Promise((r) => setImmediate(r)); // Let the socket writes progress.
    }
    const frame = JSON.stringify({ type: 'event', sessionId: 'node', seq: ++seq, ts: Date.now(),
      event: { type: 'model.delta', text: `t=${stamp};${pad}` } });
    for (const client of wss.clients) client.send(frame);
  }
}

const rl = readline.createInterface({ input: process.stdin });
rl.on('line', async (line) => {
  const words = line.split(' ');
  if (words[0] === 'session') console.log('node');
  else if (words[0] === 'broadcast') {
    await broadcast(Number(words[2]), Number(words[3]), Number(words[4]));
    console.log('done');
  }
});
rl.on('close', () => process.exit(0));
