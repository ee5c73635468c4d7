// The live runtime upgrade, as scripts/upgrade.sh starts it: this repository's node
// (--sealing instant, RPC 9930-9939, p2p 30330-30332, through the scripts' harness) on a
// development chain whose genesis runs the previous kept release's runtime (release-spec.js),
// and the suite in upgrade/ against it: settlements of every state through that runtime's
// calls, the upgrade to this repository's runtime (the Wasm the node embeds, in the build's
// wbuild directory), and the checks after it. The suite expects the spec_version written in
// runtime/src/lib.rs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT, suiteAgainstDevNode } from '@escrow-chain/scripts-lib/network';
import { devSpec, release } from './release-spec.js';

/** The release before settlements named their asset: runtime spec 102, escrow storage v1. */
export const PREVIOUS = 102;

const E2E = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = path.resolve(ROOT, process.env.CARGO_TARGET_DIR ?? 'target');
const newWasm = path.join(target, 'release/wbuild/escrow-chain-runtime/escrow_chain_runtime.compact.compressed.wasm');
if (!fs.existsSync(newWasm)) {
  console.error(`upgrade: no runtime Wasm at ${newWasm}`);
  process.exit(1);
}
const newSpec = fs.readFileSync(path.join(ROOT, 'runtime/src/lib.rs'), 'utf8').match(/^\s*spec_version: (\d+),$/m)?.[1];
if (!newSpec) {
  console.error('upgrade: no spec_version in runtime/src/lib.rs');
  process.exit(1);
}

const specFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'escrow-upgrade-spec-')), `release-${PREVIOUS}.json`);
fs.writeFileSync(specFile, JSON.stringify(devSpec(release(PREVIOUS))));
const passed = await suiteAgainstDevNode({
  node: { name: 'upgrade', args: ['--chain', specFile, '--sealing', 'instant'], rpcPorts: [9930, 9939], p2pPorts: [30330, 30332] },
  suite: {
    cwd: E2E,
    paths: ['upgrade/'],
    env: (node) => ({
      ESCROW_WS: node.ws,
      ESCROW_NEW_WASM: newWasm,
      ESCROW_PREVIOUS_RELEASE: String(PREVIOUS),
      ESCROW_NEW_SPEC_VERSION: newSpec,
    }),
  },
});
fs.rmSync(path.dirname(specFile), { recursive: true, force: true });
console.log(passed ? `upgrade: release ${PREVIOUS} → spec ${newSpec}: all passed` : 'upgrade: FAILED');
process.exit(passed ? 0 : 1);
