// A JSON-RPC call over HTTP to a node's RPC port. Imports nothing, so that the shell's
// rpc-cli.js starts fast enough to poll with; network.js uses it too.

/** Calls `method` on the node whose RPC port is `port`; throws on no answer or an error. */
export async function rpc(port, method, params = []) {
  const response = await fetch(`http://127.0.0.1:${port}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
    signal: AbortSignal.timeout(5_000),
  });
  const body = await response.json();
  if (!('result' in body)) throw new Error(`${method}: ${body.error?.message ?? 'no result'}`);
  return body.result;
}
