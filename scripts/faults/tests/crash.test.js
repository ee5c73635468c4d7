// Crash under load: a development node on a kept base path is killed with SIGKILL while
// settlements are being opened, shipped and paid, restarted on the same base path, and the
// chain is checked: every settlement opened in a finalized block is still there, auto-settlement
// resumes, no settlement is paid twice or lost, and the payee holds exactly what it was paid.
//
//   cd scripts/faults && node --test tests/crash.test.js
//   CRASH_SHIPPED=24      settlements the driver must have shipped before the kill
//   CRASH_LOAD_N=2000 CRASH_LOAD_ACCOUNTS=20   the bench load (0 for none)
//   ESCROW_KEEP=1         keep the temporary directory (chain, logs, snapshot; kept on failure)
//
// Steps (ports: RPC 9960-9979, p2p 30360-30379):
//   1. start `--dev --base-path DIR`;
//   2. load: `lib/crash.js drive` (each block, four buyers open settlements with 3-8 block time
//      limits at a store of their own, Bob accepts and ships them, a quarter are confirmed, the
//      rest paid at the deadline; see lib/crash.js), then scripts/bench/load.js (pre-signed
//      transfer_keep_alive, then open_settlement extrinsics from its own accounts);
//   3. once the driver has shipped CRASH_SHIPPED settlements and 2 were paid at their deadline,
//      the bench load starts; one block after it starts submitting its settlements (the pool
//      still full of them), `lib/crash.js snapshot` records the finalized head and its
//      settlements, and the node is killed with SIGKILL at once;
//   4. restart on the same base path and ports; `lib/crash.js check` runs the checks listed at
//      the top of lib/crash.js (waiting for every deadline) and prints a summary.
// About 3 minutes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, devNode, waitUntil } from '@escrow-chain/scripts-lib/network';

const SHIPPED = Number(process.env.CRASH_SHIPPED ?? 24);
const LOAD_N = Number(process.env.CRASH_LOAD_N ?? 2000);
const LOAD_ACCOUNTS = Number(process.env.CRASH_LOAD_ACCOUNTS ?? 20);
const CRASH_JS = path.join(ROOT, 'scripts/faults/lib/crash.js');
const LOAD_JS = path.join(ROOT, 'scripts/bench/load.js');
const seconds = (since) => ((Date.now() - since) / 1000).toFixed(1);

/** Runs `node script args`, its output to `log`; returns the child and its exit. */
function child(script, args, log) {
  const out = fs.openSync(log, 'a');
  const proc = spawn(process.execPath, [script, ...args], { stdio: ['ignore', out, out] });
  fs.closeSync(out);
  const exited = new Promise((resolve) => proc.once('exit', (code) => resolve(code)));
  return { proc, exited, log, get running() { return proc.exitCode === null && proc.signalCode === null; } };
}

/** The driver's last `progress` line, parsed. */
function progress(log) {
  const lines = fs.readFileSync(log, 'utf8').split('\n').filter((l) => l.startsWith('progress '));
  return lines.length ? JSON.parse(lines.at(-1).slice('progress '.length)) : undefined;
}

test('a node killed under load comes back with every finalized settlement, pays each once, and goes on', async () => {
  const net = await devNode({ name: 'crash', basePath: 'chain', rpcPorts: [9960, 9979], p2pPorts: [30360, 30379] });
  const node = net.nodes[0];
  const children = [];
  try {
    // 1. The node.
    const t0 = Date.now();
    await net.start();
    await waitUntil('block 1', async () => (await node.best()) >= 1, { timeoutMs: 30_000 }).catch(() => {});

    // 2. The driver, until CRASH_SHIPPED are shipped and 2 paid at their deadline.
    const state = path.join(net.dir, 'state.json');
    const driver = child(CRASH_JS, ['drive', '--ws', node.ws, '--state', state], path.join(net.dir, 'drive.log'));
    children.push(driver);
    const ready = () => {
      const p = progress(driver.log);
      return p && p.shipped >= SHIPPED && p.deadline >= 2 ? p : undefined;
    };
    const before = await waitUntil(`the driver ships ${SHIPPED} settlements, 2 paid at the deadline`, async () => {
      node.assertRunning('under load');
      assert.ok(driver.running, 'the driver exited');
      return ready();
    }, { timeoutMs: 180_000, everyMs: 2_000 });
    console.log(`crash: driver: ${JSON.stringify(before)}`);

    // 3. The bench load; the node is killed while the load's settlements fill the pool.
    if (LOAD_N > 0) {
      const loader = child(
        LOAD_JS,
        [String(LOAD_N), String(LOAD_ACCOUNTS), '--ws', node.ws, '--node-pid', String(node.proc.pid), '--timeout', '600'],
        path.join(net.dir, 'load.log'),
      );
      children.push(loader);
      await waitUntil('the bench load submits its settlements', async () => {
        node.assertRunning('under load');
        if (fs.readFileSync(loader.log, 'utf8').includes('open_settlement: submitting')) return true;
        assert.ok(loader.running, 'the bench load exited before it submitted its settlements');
        return false;
      }, { timeoutMs: 120_000 });
      // One block with the first of them, the rest still in the pool.
      const best = await node.best();
      await waitUntil('one more block', async () => (await node.best()) > best, { timeoutMs: 20_000 }).catch(() => {});
    }
    console.log(`crash: driver before the kill: ${JSON.stringify(progress(driver.log))}`);
    const snapshot = path.join(net.dir, 'snapshot.json');
    const snap = child(CRASH_JS, ['snapshot', '--ws', node.ws, '--out', snapshot], path.join(net.dir, 'snapshot.log'));
    assert.equal(await snap.exited, 0, 'the snapshot was taken');
    await node.stop('SIGKILL');
    const tKill = Date.now();
    const load = seconds(t0);
    console.log(`crash: node killed with SIGKILL after ${load} s`);
    // The driver and the loader lose the node and stop; they are stopped if they do not.
    for (const c of children) {
      await Promise.race([c.exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (c.running) c.proc.kill('SIGTERM');
    }

    // 4. Back on the same base path; the checks.
    node.start();
    await node.waitRpc();
    const rpcAfter = seconds(tKill);
    const back = await node.best();
    await waitUntil('a new block after the restart', async () => (await node.best()) > back, { timeoutMs: 60_000 });
    const blockAfter = seconds(tKill);
    console.log(`crash: restarted; RPC after ${rpcAfter} s, a new block after ${blockAfter} s`);
    const check = child(
      CRASH_JS,
      ['check', '--ws', node.ws, '--state', state, '--snapshot', snapshot, '--timeout', '240'],
      path.join(net.dir, 'check.log'),
    );
    const status = await check.exited;
    console.log(fs.readFileSync(check.log, 'utf8').trimEnd());
    assert.equal(status, 0, 'every check after the restart passed');
    node.assertRunning('during the check');
    console.log(`crash: OK in ${seconds(t0)} s (load ${load} s before the kill; RPC ${rpcAfter} s and a new block ${blockAfter} s after it)`);
  } catch (error) {
    net.fail();
    for (const c of children) console.log(`-- ${c.log}:\n${fs.readFileSync(c.log, 'utf8').trimEnd().split('\n').slice(-15).join('\n')}`);
    throw error;
  } finally {
    for (const c of children) if (c.running) c.proc.kill('SIGKILL');
    await net.stop();
  }
});
