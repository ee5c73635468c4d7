// The web app's tests, as scripts/app.sh starts them once the app is built: a temporary
// development node that seals a block for each transaction (RPC 9900-9909, p2p 30300-30309,
// `--rpc-cors all`), started through the scripts' harness (scripts/lib/network.js); app/dist
// served beside it (serve.mjs, HTTP 8900-8909); and app/tests in Chromium (CHROMIUM, set by
// scripts/app.sh). On a failure the node's log is kept and its end printed.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { freePorts, suiteAgainstDevNode, waitUntil } from "../scripts/lib/network.js";

const APP = fileURLToPath(new URL(".", import.meta.url));
const [httpPort] = await freePorts([8900, 8909], 1);
const server = spawn(process.execPath, ["serve.mjs", String(httpPort)], { cwd: APP, stdio: "ignore" });
let passed = false;
try {
  await waitUntil("the app is served", async () => (await fetch(`http://127.0.0.1:${httpPort}/`)).ok, {
    timeoutMs: 10_000,
    everyMs: 100,
  });
  console.log(`== app-tests: the app on http://127.0.0.1:${httpPort}/ ==`);
  passed = await suiteAgainstDevNode({
    node: { name: "app-tests", args: ["--sealing", "instant", "--rpc-cors", "all"], rpcPorts: [9900, 9909], p2pPorts: [30300, 30309] },
    suite: {
      cwd: APP,
      paths: ["tests/"],
      reporter: "spec",
      env: (node) => ({
        APP_URL: `http://127.0.0.1:${httpPort}/?rpc=${node.ws}`,
        ESCROW_RPC: `http://127.0.0.1:${node.rpcPort}`,
      }),
    },
  });
} finally {
  server.kill();
}
console.log(passed ? "app-tests: all passed" : "app-tests: FAILED");
process.exit(passed ? 0 : 1);
