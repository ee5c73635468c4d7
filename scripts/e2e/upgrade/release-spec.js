// Writes the chain spec of a development chain whose genesis runs a kept release of the
// runtime (runtime/releases/), for this repository's node to start on and then upgrade:
//
//   node scripts/e2e/upgrade/release-spec.js SPEC_VERSION OUT.json
//
// The release's Wasm is checked against the SHA-256 its entry in releases.json records, and
// its genesis is built by the release's own runtime from the development preset it had (kept
// beside it, resolved), so the chain starts exactly as that release's `--dev` chain did.

import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const releasesDir = join(dirname(fileURLToPath(import.meta.url)), '../../../runtime/releases');

/** The kept release `specVersion`: its entry in releases.json, with its Wasm checked. */
export function release(specVersion) {
  const releases = JSON.parse(readFileSync(join(releasesDir, 'releases.json'), 'utf8'));
  const entry = releases.find((r) => r.specVersion === specVersion);
  if (!entry) throw new Error(`runtime/releases/releases.json has no release ${specVersion}`);
  const wasm = readFileSync(join(releasesDir, entry.wasm));
  const sha256 = createHash('sha256').update(wasm).digest('hex');
  if (sha256 !== entry.sha256) {
    throw new Error(`${entry.wasm}: SHA-256 ${sha256}, but releases.json records ${entry.sha256}`);
  }
  const genesis = JSON.parse(readFileSync(join(releasesDir, entry.devGenesis), 'utf8'));
  return { ...entry, code: wasm, genesis };
}

/** A development chain spec whose genesis the release's runtime builds. */
export function devSpec({ specVersion, code, genesis }) {
  return {
    name: `escrow-chain development (release ${specVersion})`,
    id: 'escrow_dev',
    chainType: 'Development',
    bootNodes: [],
    telemetryEndpoints: null,
    protocolId: null,
    properties: { ss58Format: 42, tokenDecimals: 12, tokenSymbol: 'ESC' },
    codeSubstitutes: {},
    genesis: { runtimeGenesis: { code: `0x${code.toString('hex')}`, patch: genesis } },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [version, out] = process.argv.slice(2);
  if (!version || !out) {
    console.error('usage: node release-spec.js SPEC_VERSION OUT.json');
    process.exit(2);
  }
  writeFileSync(out, JSON.stringify(devSpec(release(Number(version)))));
}
