"""Interop client for LocalAgent's gateway, written against docs/PROTOCOL.md with the
`websockets` library (Debian's python3-websockets; run it with /usr/bin/python3).

Usage: LOCALAGENT_TOKEN=... /usr/bin/python3 gateway_client.py ws://127.0.0.1:PORT/v1/ws

Same scenario as testkit/node/gateway-client.mjs: authenticate, open a session, stream a turn,
send a second prompt and drop the connection at once, reconnect and resume with session.attach
from the last seq seen. Prints every received event as one JSON line: {phase, seq, type, event}.
"""
import asyncio
import itertools
import json
import os
import sys

import websockets

URL = sys.argv[1]
TOKEN = os.environ["LOCALAGENT_TOKEN"]
ids = itertools.count(1)


class Client:
    def __init__(self, ws):
        self.ws = ws
        self.events = []
        self.replies = {}

    async def _receive(self):
        # A batched frame is a JSON array; keep every element, whatever it is.
        parsed = json.loads(await self.ws.recv())
        for msg in parsed if isinstance(parsed, list) else [parsed]:
            if msg["type"] == "event":
                self.events.append(msg)
            else:
                self.replies[msg.get("id")] = msg

    async def request(self, type_, **params):
        request_id = str(next(ids))
        await self.ws.send(json.dumps({"type": type_, "id": request_id, **params}))
        while request_id not in self.replies:
            await self._receive()
        msg = self.replies.pop(request_id)
        if msg["type"] == "error":
            raise RuntimeError(msg["code"] + " " + msg["message"])
        return msg["result"]

    async def next_event(self):
        while not self.events:
            await self._receive()
        return self.events.pop(0)


def show(phase, frame):
    print(json.dumps({"phase": phase, "seq": frame["seq"], "type": frame["event"]["type"],
                      "event": frame["event"]}), flush=True)


async def main():
    first = Client(await websockets.connect(URL, compression="deflate"))
    await first.request("hello", protocol=1, token=TOKEN, client="python-websockets",
                        capabilities={"batching": True})
    session_id = (await first.request("session.open"))["sessionId"]
    await first.request("session.prompt", sessionId=session_id, text="one two three")
    last_seq = 0
    while True:
        frame = await first.next_event()
        show("first", frame)
        last_seq = frame["seq"]
        if frame["event"]["type"] == "turn.done":
            break
    await first.request("session.prompt", sessionId=session_id, text="four five")
    first.ws.transport.abort()  # Forced disconnect: no close handshake.

    second = Client(await websockets.connect(URL))
    await second.request("hello", protocol=1, token=TOKEN, client="python-websockets")
    await second.request("session.attach", sessionId=session_id, fromSeq=last_seq)
    while True:
        frame = await second.next_event()
        show("resumed", frame)
        if frame["event"]["type"] == "turn.done":
            break
    await second.ws.close()


asyncio.run(main())
