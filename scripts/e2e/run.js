// The end-to-end run, as scripts/e2e.sh starts it: a temporary development node on free ports
// (RPC 9980-9989, p2p 30380-30389) through the scripts' harness (scripts/lib/network.js), the
// suite in tests/ against it (`node --test`, one file at a time), then `--sealing manual` on a
// second node with the suite in manual/ (blocks and finality only when engine_createBlock /
// engine_finalizeBlock ask). On a failure the nodes' logs are kept and their ends printed.
//
//   node run.js                      # the node makes blocks on demand: --dev --sealing instant
//   E2E_SEALING=aura node run.js     # the same tests on the Aura/GRANDPA node, a block every 6 s
//
// On instant sealing each transaction gets a block at once, finalized at once, and a test that
// waits for a deadline asks the node for the blocks up to it (engine_createBlock, through
// scripts/lib); the Aura node makes them every 6 s. Production and finality by Aura and GRANDPA
// are checked by E2E_SEALING=aura, scripts/local-testnet.sh --check and the fault suites.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { suiteAgainstDevNode } from '@escrow-chain/scripts-lib/network';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SEALING = process.env.E2E_SEALING ?? 'instant';
if (!['instant', 'aura'].includes(SEALING)) {
  console.error(`e2e: E2E_SEALING is instant (the default) or aura, not '${SEALING}'`);
  process.exit(2);
}
const PORTS = { rpcPorts: [9980, 9989], p2pPorts: [30380, 30389] };

let passed = await suiteAgainstDevNode({
  node: { name: `e2e-${SEALING}`, args: SEALING === 'instant' ? ['--sealing', 'instant'] : [], ...PORTS },
  suite: { cwd: HERE, paths: ['tests/'] },
  firstBlock: SEALING === 'aura',
});
// The other mode of a node that seals on demand, on a chain of its own.
if (passed && SEALING === 'instant') {
  passed = await suiteAgainstDevNode({
    node: { name: 'e2e-manual', args: ['--sealing', 'manual'], ...PORTS },
    suite: { cwd: HERE, paths: ['manual/'] },
  });
}
console.log(passed ? 'e2e: all passed' : 'e2e: FAILED');
process.exit(passed ? 0 : 1);
