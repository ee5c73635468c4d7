// A JSON-RPC call from the shell (scripts/lib/node.sh), without a JSON tool:
//
//   node scripts/lib/rpc-cli.js PORT METHOD [PARAMS_JSON] [--number | --or-empty]
//
// prints the result as JSON (`--number`: a header's block number, in decimal; `--or-empty`:
// the result as a bare string, or nothing when it is null) and exits 1 on no answer or an
// error.
import { rpc } from './rpc.js';

const [port, method, params = '[]', mode] = process.argv.slice(2);
try {
  const result = await rpc(port, method, JSON.parse(params));
  if (mode === '--number') console.log(parseInt(result.number, 16));
  else if (mode === '--or-empty') console.log(result ?? '');
  else console.log(JSON.stringify(result));
} catch {
  process.exit(1);
}
