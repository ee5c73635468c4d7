// A JSON-RPC call from the shell (scripts/lib/node.sh), without a JSON tool:
//
//   node scripts/lib/rpc-cli.js PORT METHOD [PARAMS_JSON] [--number | --or-empty]
//
// prints the result as JSON (`--number`: a header's block number, in decimal; `--or-empty`:
// the result as a bare string, or nothing when it is null) and exits 1 on no answer or an
// error. Imports nothing, so that it starts fast enough to poll with.
const [port, method, params = '[]', mode] = process.argv.slice(2);
try {
  const response = await fetch(`http://127.0.0.1:${port}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params: JSON.parse(params) }),
    signal: AbortSignal.timeout(5_000),
  });
  const body = await response.json();
  if (!('result' in body)) process.exit(1);
  if (mode === '--number') console.log(parseInt(body.result.number, 16));
  else if (mode === '--or-empty') console.log(body.result ?? '');
  else console.log(JSON.stringify(body.result));
} catch {
  process.exit(1);
}
