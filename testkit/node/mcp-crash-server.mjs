// A small MCP server (official TypeScript SDK, stdio) for LocalAgent's failure tests:
//   ok         answers "still here"
//   crash      exits the process with status 3 while the call is in flight
//   spawn      starts a long-running grandchild (sleep) and answers with its pid,
//              so a test can check that stopping the server kills its whole tree
// With CRASH_AT_START=1 it exits before the handshake, after a line on stderr.
// With --http it serves streamable HTTP (stateless) on 127.0.0.1 at /mcp, on the port given
// (0: any free one), and prints "listening PORT" on stdout when ready.
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { createServer } from "node:http";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { spawn } from "node:child_process";

if (process.env.CRASH_AT_START === "1") {
  console.error("crash-server: refusing to start (CRASH_AT_START=1)");
  process.exit(2);
}

const empty = { type: "object", properties: {} };

function newServer() {
  const server = new Server({ name: "crash-server", version: "1.0.0" }, { capabilities: { tools: {} } });
  addTools(server);
  return server;
}

function addTools(server) {
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: [
      { name: "ok", description: "Answers that the server is still here.", inputSchema: empty },
      { name: "crash", description: "Kills the server process mid-call.", inputSchema: empty },
      { name: "spawn", description: "Starts a sleeping grandchild process and returns its pid.", inputSchema: empty },
    ],
  }));

  server.setRequestHandler(CallToolRequestSchema, async (request) => {
    switch (request.params.name) {
      case "ok":
        return { content: [{ type: "text", text: "still here" }] };
      case "crash":
        setImmediate(() => process.exit(3));
        return new Promise(() => {}); // never answers: the process dies first
      case "spawn": {
        const child = spawn("sleep", ["600"], { stdio: "ignore" });
        return { content: [{ type: "text", text: String(child.pid) }] };
      }
      default:
        throw new Error(`unknown tool ${request.params.name}`);
    }
  });
}

const httpIndex = process.argv.indexOf("--http");
if (httpIndex < 0) {
  await newServer().connect(new StdioServerTransport());
} else {
  const http = createServer(async (req, res) => {
    if (req.url !== "/mcp") {
      res.writeHead(404).end();
      return;
    }
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on("close", () => transport.close());
    await newServer().connect(transport);
    await transport.handleRequest(req, res);
  });
  http.listen(Number(process.argv[httpIndex + 1] ?? 0), "127.0.0.1", () => {
    console.log(`listening ${http.address().port}`);
  });
}
