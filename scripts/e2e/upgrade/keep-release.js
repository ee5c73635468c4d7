// Keeps a runtime as a release (runtime/releases/): its Wasm, the development genesis it
// builds (the node's `export-chain-spec --chain dev`, whose preset the runtime resolves), and
// an entry in releases.json with the Wasm's SHA-256 and its blake2-256 code hash (what
// `system.setCode` and `system.authorizeUpgrade` name).
//
//   node scripts/e2e/upgrade/keep-release.js NODE_BIN WASM SPEC_VERSION COMMIT
//
// scripts/keep-release.sh runs it on this repository's build; an older release is kept the
// same way from a node and Wasm built at its commit.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { blake2AsHex } from '@polkadot/util-crypto';

const releasesDir = join(dirname(fileURLToPath(import.meta.url)), '../../../runtime/releases');
const [nodeBin, wasmPath, version, commit] = process.argv.slice(2);
if (!nodeBin || !wasmPath || !version || !commit) {
  console.error('usage: node keep-release.js NODE_BIN WASM SPEC_VERSION COMMIT');
  process.exit(2);
}
const specVersion = Number(version);
const wasm = readFileSync(wasmPath);
const spec = JSON.parse(
  execFileSync(nodeBin, ['export-chain-spec', '--chain', 'dev'], { maxBuffer: 64 << 20 }).toString(),
);
const patch = spec.genesis?.runtimeGenesis?.patch;
if (!patch) throw new Error('the node exported no development preset (genesis.runtimeGenesis.patch)');

const entry = {
  specVersion,
  commit,
  wasm: `escrow-chain-${specVersion}.compact.compressed.wasm`,
  devGenesis: `escrow-chain-${specVersion}.dev-genesis.json`,
  sha256: createHash('sha256').update(wasm).digest('hex'),
  blake2_256: blake2AsHex(wasm),
};
copyFileSync(wasmPath, join(releasesDir, entry.wasm));
writeFileSync(join(releasesDir, entry.devGenesis), `${JSON.stringify(patch, null, 2)}\n`);
const file = join(releasesDir, 'releases.json');
const releases = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : [];
const kept = releases.filter((r) => r.specVersion !== specVersion).concat([entry]);
kept.sort((a, b) => a.specVersion - b.specVersion);
writeFileSync(file, `${JSON.stringify(kept, null, 2)}\n`);
console.log(`kept release ${specVersion}: ${entry.wasm} (${wasm.length} bytes, blake2-256 ${entry.blake2_256})`);
