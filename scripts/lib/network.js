// Nodes and networks of nodes on this machine, declared in code: the harness of every suite
// that starts a node of its own (the fault suites; the end-to-end suites run against a node
// their script starts). A network is a list of validators and a chain spec derived in code; each
// node gets free ports from the suite's range, a base path and a log in the network's temporary
// directory, and is stopped when the network is. On a failure the directory is kept with the
// logs (ESCROW_KEEP=1 keeps it always) and each node's last log lines are printed.
//
//   const net = await network({ name: 'validator-down', validators: ['alice', 'bob', 'charlie', 'dave'] });
//   await net.start();
//   await net.node('charlie').stop('SIGKILL');
//   ...
//   await net.stop();
//
// JSON-RPC goes over HTTP to each node's RPC port (rpc.js; no @polkadot/api needed to watch
// heads).

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sleep } from './index.js';
import { rpc } from './rpc.js';

export { rpc };

/** The repository's root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The node to run: `ESCROW_NODE_BIN`, else the release build in `CARGO_TARGET_DIR` (or
 * `target`), built first if it is missing.
 */
export function nodeBinary() {
  if (process.env.ESCROW_NODE_BIN) return process.env.ESCROW_NODE_BIN;
  const target = path.resolve(ROOT, process.env.CARGO_TARGET_DIR ?? 'target');
  const bin = path.join(target, 'release', 'escrow-chain-node');
  if (!fs.existsSync(bin)) {
    const built = spawnSync('cargo', ['build', '--release', '--locked', '-p', 'escrow-chain-node'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    if (built.status !== 0) throw new Error('building the node failed');
  }
  return bin;
}

function portFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** `count` free ports in `[from, to]`, none of `taken` (which gains them). */
export async function freePorts([from, to], count, taken = new Set()) {
  const ports = [];
  for (let port = from; port <= to && ports.length < count; port += 1) {
    if (!taken.has(port) && (await portFree(port))) {
      ports.push(port);
      taken.add(port);
    }
  }
  if (ports.length < count) throw new Error(`fewer than ${count} free ports in ${from}-${to}`);
  return ports;
}

/** Polls `check` every `everyMs` until it returns a truthy value, which it returns. */
export async function waitUntil(what, check, { timeoutMs = 60_000, everyMs = 1_000 } = {}) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs / 1000} s: ${what}`);
    await sleep(everyMs);
  }
}

/** One node process: started, stopped and restarted on the same base path and ports. */
export class Node {
  constructor({ bin, name, dir, args, rpcPort, p2pPort }) {
    Object.assign(this, { bin, name, dir, args, rpcPort, p2pPort, starts: 0 });
    this.ws = `ws://127.0.0.1:${rpcPort}`;
  }

  /** Starts the node, its output to `<name>.log` (then `<name>-2.log`, … on restarts). */
  start() {
    this.starts += 1;
    this.log = path.join(this.dir, this.starts === 1 ? `${this.name}.log` : `${this.name}-${this.starts}.log`);
    const out = fs.openSync(this.log, 'a');
    this.proc = spawn(
      this.bin,
      [...this.args, '--rpc-port', String(this.rpcPort), '--port', String(this.p2pPort)],
      { stdio: ['ignore', out, out] },
    );
    fs.closeSync(out);
    this.exited = new Promise((resolve) => this.proc.once('exit', (code, signal) => resolve({ code, signal })));
    return this;
  }

  get running() {
    return Boolean(this.proc) && this.proc.exitCode === null && this.proc.signalCode === null;
  }

  /** Stops the node with `signal`; SIGKILL after 20 s if it has not exited. */
  async stop(signal = 'SIGTERM') {
    if (!this.running) return;
    this.proc.kill(signal);
    const gone = await Promise.race([this.exited.then(() => true), sleep(20_000).then(() => false)]);
    if (!gone) {
      this.proc.kill('SIGKILL');
      await this.exited;
    }
  }

  /** Fails unless the process is still running. */
  assertRunning(when) {
    if (!this.running) throw new Error(`${this.name} exited ${when} (log: ${this.log})`);
  }

  rpc(method, params) {
    return rpc(this.rpcPort, method, params);
  }

  async best() {
    return parseInt((await this.rpc('chain_getHeader')).number, 16);
  }

  async finalized() {
    const head = await this.rpc('chain_getFinalizedHead');
    return parseInt((await this.rpc('chain_getHeader', [head])).number, 16);
  }

  hashAt(n) {
    return this.rpc('chain_getBlockHash', [n]);
  }

  /** Waits until the node answers RPC. */
  waitRpc(timeoutMs = 60_000) {
    return waitUntil(`${this.name} answers RPC`, () => this.rpc('system_health').then(() => true), { timeoutMs });
  }

  /** The last `lines` lines of the current log. */
  tail(lines = 20) {
    try {
      return fs.readFileSync(this.log, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  }
}

/** The SS58 address of dev seed `//Name` in `scheme` (sr25519 or ed25519), from the node. */
function devAddress(bin, who, scheme) {
  const out = spawnSync(bin, ['key', 'inspect', '--scheme', scheme, '--output-type', 'json', `//${who}`], {
    encoding: 'utf8',
  });
  if (out.status !== 0) throw new Error(`key inspect //${who}: ${out.stderr}`);
  return JSON.parse(out.stdout).ss58Address;
}

const capitalized = (name) => name[0].toUpperCase() + name.slice(1);

/**
 * A chain spec for `validators` (dev names, lowercase), derived from the `local` chain (Alice,
 * Bob, Charlie): any other validator is added as an Aura and GRANDPA authority, and the spec has
 * its own id, protocol id and fork id, so that its nodes never peer with another network here.
 * Returns its path.
 */
export function localSpec(bin, dir, validators, id) {
  const local = path.join(dir, 'local.json');
  const exported = spawnSync(bin, ['export-chain-spec', '--chain', 'local', '--output', local], { encoding: 'utf8' });
  if (exported.status !== 0) throw new Error(`export-chain-spec: ${exported.stderr}`);
  const spec = JSON.parse(fs.readFileSync(local, 'utf8'));
  Object.assign(spec, { id: `escrow_${id}`, protocolId: `escrow-${id}`, forkId: `${id}-${process.pid}`, bootNodes: [] });
  const patch = spec.genesis.runtimeGenesis.patch;
  for (const who of validators.filter((v) => !['alice', 'bob', 'charlie'].includes(v))) {
    patch.aura.authorities.push(devAddress(bin, capitalized(who), 'sr25519'));
    patch.grandpa.authorities.push([devAddress(bin, capitalized(who), 'ed25519'), 1]);
  }
  const file = path.join(dir, 'spec.json');
  fs.writeFileSync(file, JSON.stringify(spec, null, 1));
  return file;
}

// Fixed node keys ...01, ...02, …: the first validator's peer id is known before it starts, so
// the others boot from it.
const nodeKey = (i) => (i + 1).toString(16).padStart(64, '0');
const FIRST_PEER = '12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp';

/**
 * A network of Aura/GRANDPA validators on loopback, declared by their dev names: the first is
 * everyone's boot node. `rpcPorts` and `p2pPorts` are the suite's port ranges.
 */
export async function network({ name, validators, rpcPorts = [9960, 9979], p2pPorts = [30360, 30379] }) {
  const bin = nodeBinary();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `escrow-${name}-`));
  const spec = localSpec(bin, dir, validators, name);
  const taken = new Set();
  const rpcs = await freePorts(rpcPorts, validators.length, taken);
  const p2ps = await freePorts(p2pPorts, validators.length, taken);
  const nodes = validators.map(
    (who, i) =>
      new Node({
        bin,
        name: who,
        dir,
        rpcPort: rpcs[i],
        p2pPort: p2ps[i],
        args: [
          '--chain', spec, `--${who}`, '--base-path', path.join(dir, who), '--node-key', nodeKey(i),
          '--no-prometheus', '--no-telemetry', '--no-mdns',
          ...(i === 0 ? [] : ['--bootnodes', `/ip4/127.0.0.1/tcp/${p2ps[0]}/p2p/${FIRST_PEER}`]),
        ],
      }),
  );
  return new Network({ name, dir, nodes });
}

/** A development node (`--dev`, Aura and GRANDPA, or `--sealing MODE`) on free ports. */
export async function devNode({ name, args = [], rpcPorts = [9950, 9959], p2pPorts = [30350, 30359], basePath } = {}) {
  const bin = nodeBinary();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `escrow-${name}-`));
  const taken = new Set();
  const [rpcPort] = await freePorts(rpcPorts, 1, taken);
  const [p2pPort] = await freePorts(p2pPorts, 1, taken);
  const node = new Node({
    bin,
    name,
    dir,
    rpcPort,
    p2pPort,
    args: ['--dev', ...(basePath ? ['--base-path', path.join(dir, basePath)] : ['--tmp']),
      '--no-prometheus', '--no-telemetry', '--no-mdns', ...args],
  });
  return new Network({ name, dir, nodes: [node] });
}

export class Network {
  constructor({ name, dir, nodes }) {
    Object.assign(this, { name, dir, nodes, failed: false });
  }

  node(name) {
    const found = this.nodes.find((n) => n.name === name);
    if (!found) throw new Error(`no node ${name} in ${this.name}`);
    return found;
  }

  /** Starts every node and waits until each answers RPC. */
  async start() {
    for (const node of this.nodes) node.start();
    for (const node of this.nodes) await node.waitRpc();
    return this;
  }

  /**
   * Stops every node; removes the directory unless the suite failed (`fail()`) or ESCROW_KEEP
   * is set, in which case the logs' last lines are printed and the directory kept.
   */
  async stop() {
    for (const node of this.nodes) await node.stop();
    if (this.failed || process.env.ESCROW_KEEP) {
      for (const node of this.nodes) console.log(`-- ${node.name} (${node.log}):\n${node.tail()}`);
      console.log(`${this.name}: kept ${this.dir}`);
    } else {
      fs.rmSync(this.dir, { recursive: true, force: true });
    }
  }

  /** Marks the network failed: its logs are kept and shown when it stops. */
  fail() {
    this.failed = true;
  }
}

/**
 * Runs the `node --test` suite at `paths` (in `cwd`, one file at a time) with `env` added;
 * resolves to its exit code.
 */
export function runSuite({ cwd, paths, env = {}, reporter }) {
  return new Promise((resolve) => {
    const args = ['--test', '--test-concurrency=1', ...(reporter ? [`--test-reporter=${reporter}`] : []), ...paths];
    const child = spawn(process.execPath, args, { cwd, stdio: 'inherit', env: { ...process.env, ...env } });
    child.once('exit', (code) => resolve(code ?? 1));
  });
}

/**
 * Starts a development node (`devNode` with `node`'s options), runs the suite `suite` (the
 * options of `runSuite`; `env` may be a function of the node) against it and stops it; resolves
 * to whether the suite passed with the node still running. On a failure the node's log is kept
 * and its end printed.
 */
export async function suiteAgainstDevNode({ node: options, suite, firstBlock = false }) {
  const net = await devNode(options);
  const node = net.nodes[0];
  let passed = false;
  try {
    console.log(`== ${options.name}: a development node (${options.args?.join(' ') || 'Aura'}) on ${node.ws} ==`);
    await net.start();
    // The Aura node's first block; a node that seals on demand makes blocks when tests need them.
    if (firstBlock) await waitUntil('block 1', async () => (await node.best()) >= 1, { timeoutMs: 60_000 });
    const env = typeof suite.env === 'function' ? await suite.env(node) : { ESCROW_WS: node.ws, ...suite.env };
    passed = (await runSuite({ ...suite, env })) === 0;
    node.assertRunning('during the tests');
  } catch (error) {
    console.error(`${options.name}: ${error.message}`);
    passed = false;
  } finally {
    if (!passed) net.fail();
    await net.stop();
  }
  return passed;
}
