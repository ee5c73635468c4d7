// Bad transactions against a running node: each case submits a malformed, mis-signed or
// oversized extrinsic through `author_submitExtrinsic` and records what the node does with it.
// `badTransactions(ws)` runs every case against the node at `ws` and returns the rows (case,
// expected, outcome, what the node said), printing them as a table; the suite
// tests/bad-tx.test.js starts a temporary development node and asserts each row.
//
// Every case has an expected outcome:
//   reject          the pool refuses it with an error (the RPC call fails); nothing is included
//                   (for arguments over their bounds: no balance or state changes either)
//   future          the pool takes it into its future queue (not ready): it is never included
//                   while the nonce gap stays, and is removed by author_removeExtrinsic
//   accept          a control: a well-formed extrinsic built the same way is accepted
//
// Where it waits for blocks it waits for the node's own (the suite runs an Aura node); a node
// that seals on demand (--sealing) is asked for them instead, through the scripts' shared
// library (scripts/lib).

import {
  STORE, UNIT, bestNumber, connect, devAccounts, finalizedNumber, providerOf, send, waitForBlock,
} from '@escrow-chain/scripts-lib';
import { blake2AsU8a } from '@polkadot/util-crypto';
import { bnToU8a, compactAddLength, compactFromU8a, compactToU8a, hexToU8a, u8aConcat, u8aToHex } from '@polkadot/util';

/** Runs every case against the node at `ws`; returns the rows. */
export async function badTransactions(WS) {

  const api = await connect(WS);
  const provider = providerOf(api);
  const { keyring, alice, bob, charlie, dave, eve } = devAccounts();

  const genesis = api.genesisHash.toU8a();
  const MAX_ORDER_NO = api.consts.escrow.maxOrderNumberLen.toNumber();
  const MAX_LOGISTICS = api.consts.storeOrders.maxLogisticsLen.toNumber();
  const { specVersion, transactionVersion } = api.runtimeVersion;

  /** Raw JSON-RPC: returns `{ result }` or `{ error }` with the node's message, never throws. */
  async function raw(method, params) {
    try {
      return { result: await provider.send(method, params) };
    } catch (e) {
      return { error: e.message };
    }
  }

  const u32 = (n) => bnToU8a(n, { bitLength: 32, isLe: true });

  /**
   * A signed extrinsic (format v4) built byte by byte, so that any call bytes can be signed:
   * length ++ 0x84 ++ MultiAddress::Id(signer) ++ MultiSignature::Sr25519(sig) ++ extra ++ call.
   * Extra: immortal era, nonce, tip 0 and no fee asset (`ChargeAssetTxPayment`: the fee in ESC).
   * The signed payload adds spec and transaction version, genesis hash twice (genesis, and the
   * era's block for an immortal era); hashed when > 256 bytes.
   */
  function signedExtrinsic(signer, call, nonce, { payloadGenesis = genesis } = {}) {
    const extra = u8aConcat(new Uint8Array([0]), compactToU8a(nonce), compactToU8a(0), new Uint8Array([0]));
    let payload = u8aConcat(call, extra, u32(specVersion.toNumber()), u32(transactionVersion.toNumber()), payloadGenesis, payloadGenesis);
    if (payload.length > 256) payload = blake2AsU8a(payload, 256);
    const signature = signer.sign(payload);
    const body = u8aConcat(new Uint8Array([0x84, 0x00]), signer.publicKey, new Uint8Array([0x01]), signature, extra, call);
    return compactAddLength(body);
  }

  /** Where the 64 signature bytes of `signedExtrinsic`'s output start. */
  function signatureStart(bytes) {
    const [prefix] = compactFromU8a(bytes);
    return prefix + 1 + 33 + 1;
  }

  /** The body of an extrinsic, without its length prefix. */
  function bodyOf(bytes) {
    const [prefix] = compactFromU8a(bytes);
    return bytes.slice(prefix);
  }

  /** The next nonce of `who`, counting its extrinsics in the pool. */
  async function nonceOf(who) {
    return (await api.rpc.system.accountNextIndex(who.address)).toNumber();
  }

  async function account(who) {
    const { data } = await api.query.system.account(who.address);
    return { free: data.free.toBigInt(), reserved: data.reserved.toBigInt() };
  }

  /** Whether extrinsic `hash` is in any block from `from` to the best block. */
  async function includedSince(from, hash) {
    const best = await bestNumber(api);
    for (let n = from; n <= best; n++) {
      const block = await api.rpc.chain.getBlock(await api.rpc.chain.getBlockHash(n));
      if (block.block.extrinsics.some((x) => x.hash.toHex() === hash)) return n;
    }
    return null;
  }

  /** The first line of a node's error; a runtime trap is summarised. */
  function short(message) {
    const text = String(message);
    if (/wasm trap/.test(text)) return `${text.split('\n')[0].trim()} (the runtime panicked)`;
    return text.split('\n').map((l) => l.trim()).filter(Boolean).join(' ');
  }

  const rows = [];
  function record(name, expect, outcome, detail) {
    const ok = [].concat(expect).includes(outcome);
    rows.push({ name, expect: [].concat(expect).join(' or '), outcome, detail, ok });
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}: ${outcome} (${detail})`);
  }

  /** The hashes of everything submitted that should never be in a block. */
  const rejected = [];

  /**
   * Submits `bytes`; a case that expects rejection passes when the RPC call fails. Unless
   * `duplicate` (a copy of an extrinsic that is rightly included), it must never be in a block.
   */
  async function submitExpectingReject(name, bytes, { duplicate = false } = {}) {
    const hex = typeof bytes === 'string' ? bytes : u8aToHex(bytes);
    if (!duplicate) rejected.push({ name, hash: u8aToHex(blake2AsU8a(hexToU8a(hex), 256)) });
    const { result, error } = await raw('author_submitExtrinsic', [hex]);
    if (error) record(name, 'reject', 'reject', short(error));
    else record(name, 'reject', 'accepted', `pool took it as ${result}`);
    return result;
  }

  /** A well-formed extrinsic of `call`, signed by `signer` with its next nonce. */
  async function goodExtrinsic(signer, call) {
    return signedExtrinsic(signer, call, await nonceOf(signer));
  }

  const startBest = await bestNumber(api);
  const remark = (bytes) => api.tx.system.remark(bytes).method.toU8a();
  const transfer = api.tx.balances.transferKeepAlive(dave.address, UNIT).method.toU8a();

  // --- control: the hand-built extrinsic format is right -------------------------------------
  {
    const bytes = await goodExtrinsic(alice, remark('0x636f6e74726f6c'));
    const { result, error } = await raw('author_submitExtrinsic', [u8aToHex(bytes)]);
    record('control: well-formed remark, built by hand', 'accept', error ? 'reject' : 'accept', error ?? result);
    // Wait for it, so that Alice's nonce moves on (the stale-nonce case needs a used nonce).
    const pooled = await nonceOf(alice);
    for (let i = 0; i < 30 && (await api.query.system.account(alice.address)).nonce.toNumber() < pooled; i++) {
      await new Promise((r) => setTimeout(r, 1000));
    }
  }

  // --- signatures ------------------------------------------------------------------------------
  {
    const bytes = await goodExtrinsic(alice, transfer);
    bytes[signatureStart(bytes) + 10] ^= 0x01;
    await submitExpectingReject('bad signature: transfer signed, one signature bit flipped', bytes);
  }
  {
    const n = await nonceOf(alice);
    const forged = signedExtrinsic(alice, transfer, n);
    const bobs = signedExtrinsic(bob, transfer, n);
    const at = signatureStart(forged);
    forged.set(bobs.slice(at, at + 64), at);
    await submitExpectingReject("wrong signer: Alice's address, Bob's signature", forged);
  }
  {
    const other = new Uint8Array(32).fill(0x42);
    const bytes = signedExtrinsic(alice, transfer, await nonceOf(alice), { payloadGenesis: other });
    await submitExpectingReject('signed for another chain (other genesis hash)', bytes);
  }
  {
    const nobody = keyring.addFromUri('//NoFundsAtAll');
    await submitExpectingReject('signer without funds (cannot pay the fee)', signedExtrinsic(nobody, remark('0x00'), 0));
  }

  // --- nonces ----------------------------------------------------------------------------------
  {
    const next = await nonceOf(alice);
    await submitExpectingReject(`stale nonce (${next - 1}; next is ${next})`, signedExtrinsic(alice, remark('0x01'), next - 1));
  }
  {
    // Two different extrinsics with the same nonce and the same tip: the second cannot replace the
    // first. Then the very same extrinsic again.
    const next = await nonceOf(alice);
    const first = signedExtrinsic(alice, remark('0x0a'), next);
    const { error } = await raw('author_submitExtrinsic', [u8aToHex(first)]);
    if (error) record('setup: a ready remark', 'accept', 'reject', error);
    await submitExpectingReject('same nonce as a ready extrinsic, same tip', signedExtrinsic(alice, remark('0x0b'), next));
    await submitExpectingReject('the same extrinsic twice', first, { duplicate: true });
  }

  // --- undecodable bytes -----------------------------------------------------------------------
  await submitExpectingReject('empty extrinsic (0x)', '0x');
  await submitExpectingReject('raw garbage (64 pseudo-random bytes)', u8aToHex(new Uint8Array(64).map((_, i) => (0xde + i * 37) & 0xff)));
  await submitExpectingReject('garbage with a valid length prefix', u8aToHex(compactAddLength(new Uint8Array(40).fill(0xff))));
  {
    const good = await goodExtrinsic(alice, transfer);
    await submitExpectingReject('truncated: last 10 bytes cut, length prefix kept', good.slice(0, good.length - 10));
    const body = bodyOf(good);
    const cut = compactAddLength(body.slice(0, body.length - 10));
    await submitExpectingReject('truncated: last 10 bytes cut, length prefix fixed', cut);
    const longer = compactAddLength(u8aConcat(body, new Uint8Array([0])));
    await submitExpectingReject('one trailing byte after the call', longer);
  }
  {
    const n = await nonceOf(alice);
    await submitExpectingReject('call index of no pallet (pallet 99), signed', signedExtrinsic(alice, new Uint8Array([99, 0]), n));
    await submitExpectingReject('call index of no call (escrow call 99), signed', signedExtrinsic(alice, new Uint8Array([10, 99]), n));
  }
  {
    // add_evidence(id, evidence: [u8; 32]) with 33 bytes of evidence.
    const call = u8aConcat(api.tx.escrow.addEvidence(0, new Uint8Array(32)).method.toU8a(), new Uint8Array([7]));
    await submitExpectingReject('evidence of 33 bytes (add_evidence takes [u8; 32]), signed', signedExtrinsic(alice, call, await nonceOf(alice)));
    const short = api.tx.escrow.addEvidence(0, new Uint8Array(32)).method.toU8a().slice(0, -1);
    await submitExpectingReject('evidence of 31 bytes, signed', signedExtrinsic(alice, short, await nonceOf(alice)));
  }

  // --- sizes -----------------------------------------------------------------------------------
  // (Bytes arguments are given as hex: polkadot.js reads a Uint8Array as already length-prefixed.)
  {
    const maxBlock = api.consts.system.blockLength.max;
    const normal = maxBlock.normal.toNumber();
    const whole = Math.max(normal, maxBlock.operational.toNumber(), maxBlock.mandatory.toNumber());
    const n = await nonceOf(charlie);
    const open = (len) =>
      api.tx.escrow.openSettlement(STORE, `0x${'61'.repeat(len)}`, 'Native', UNIT, bob.address, null, `0x${'07'.repeat(32)}`).method.toU8a();
    await submitExpectingReject(
      `order number of ${normal + 1024} bytes via escrow.openSettlement (normal-class block length ${normal})`,
      signedExtrinsic(charlie, open(normal + 1024), n),
    );
    await submitExpectingReject(
      `order number of ${whole + 1024} bytes via escrow.openSettlement (block length ${whole})`,
      signedExtrinsic(charlie, open(whole + 1024), n),
    );
    const remark = api.tx.system.remark(`0x${'00'.repeat(normal + 1024)}`).method.toU8a();
    await submitExpectingReject(`remark of ${normal + 1024} bytes`, signedExtrinsic(charlie, remark, n));
    // Larger than the RPC server takes (--rpc-max-request-size, 15 MiB by default): sent over HTTP
    // so that the closed connection does not disturb the WebSocket of the other cases.
    const bytes = 9 * 1024 * 1024;
    const body = JSON.stringify({ id: 1, jsonrpc: '2.0', method: 'author_submitExtrinsic', params: [`0x${'ab'.repeat(bytes)}`] });
    let outcome;
    let detail;
    try {
      const res = await fetch(WS.replace(/^ws/, 'http'), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
      const json = await res.json().catch(() => null);
      outcome = json?.error || res.status >= 400 ? 'reject' : 'accepted';
      detail = `HTTP ${res.status}: ${json?.error ? `${json.error.code}: ${json.error.message} (${json.error.data})` : JSON.stringify(json)}`;
    } catch (e) {
      outcome = 'reject';
      detail = `the RPC server closed the connection (${e.cause?.code ?? e.message})`;
    }
    record(`extrinsic of ${bytes} bytes (${2 * bytes + 2} hex characters, above the RPC request limit)`, 'reject', outcome, detail);
  }

  // --- far-future nonce ------------------------------------------------------------------------
  {
    const next = await nonceOf(dave);
    const name = `far-future nonce (${next + 1000}; next is ${next})`;
    const bytes = u8aToHex(signedExtrinsic(dave, remark('0x66757475726521'), next + 1000));
    const statuses = [];
    const hash = u8aToHex(blake2AsU8a(hexToU8a(bytes), 256));
    rejected.push({ name, hash });
    let subscription = null;
    try {
      subscription = await provider.subscribe('author_extrinsicUpdate', 'author_submitAndWatchExtrinsic', [bytes], (err, status) => {
        if (status) statuses.push(typeof status === 'string' ? status : Object.keys(status)[0]);
      });
    } catch (e) {
      record(name, 'future', 'reject', short(e.message));
    }
    if (subscription !== null) {
      const from = await bestNumber(api);
      await waitForBlock(api, from + 2);
      const included = await includedSince(from, hash);
      const nonceNow = (await api.query.system.account(dave.address)).nonce.toNumber();
      const again = await raw('author_submitExtrinsic', [bytes]);
      const before = statuses.slice();
      const removed = (await raw('author_removeExtrinsic', [[{ hash }]])).result ?? [];
      const after = await raw('author_submitExtrinsic', [bytes]);
      await raw('author_removeExtrinsic', [[{ hash }]]);
      const held = included === null && nonceNow === next && removed.includes(hash) && before.join() === 'future';
      record(
        name,
        'future',
        held ? 'future' : 'accepted',
        `pool took it with status ${before.join(', ') || 'none'} (then ${statuses.slice(before.length).join(', ') || 'nothing'} on removal); not included in 2 blocks: ${included === null}; ` +
          `resubmitted: ${short(again.error ?? again.result)}; author_removeExtrinsic removed it: ${removed.includes(hash)}; ` +
          `resubmitted after removal: ${short(after.error ?? after.result)}`,
      );
    }
  }

  // --- arguments over their bounds ------------------------------------------------------------
  // Order numbers and logistics are bounded call arguments: one byte over the bound does not
  // decode, so the pool must turn the extrinsic away, and nothing moves, not even a fee.
  async function oversizedCase(name, tx, signer, watched, state) {
    const before = await Promise.all(watched.map(account));
    const stateBefore = JSON.stringify(await state());
    const submit = await raw('author_submitExtrinsic', [tx.toHex()]);
    if (!submit.error) {
      record(name, 'reject', 'accepted', `the pool took it: ${submit.result}`);
      return;
    }
    await waitForBlock(api, (await bestNumber(api)) + 1);
    const after = await Promise.all(watched.map(account));
    const moved = watched.filter(
      (w, i) => after[i].free !== before[i].free || after[i].reserved !== before[i].reserved,
    );
    const stateSame = JSON.stringify(await state()) === stateBefore;
    record(
      name,
      'reject',
      moved.length === 0 && stateSame ? 'reject' : 'accepted',
      short(submit.error) +
        (moved.length ? `; BALANCES MOVED: ${moved.map((w) => w.meta.name).join(', ')}` : '') +
        (stateSame ? '' : '; STATE CHANGED'),
    );
  }

  {
    const order = 'o'.repeat(MAX_ORDER_NO + 1);
    const tx = await api.tx.escrow
      .openSettlement(STORE, order, 'Native', UNIT, bob.address, null, `0x${'07'.repeat(32)}`)
      .signAsync(charlie, { nonce: await nonceOf(charlie) });
    await oversizedCase(
      `order number of ${MAX_ORDER_NO + 1} bytes (MaxOrderNumberLen ${MAX_ORDER_NO}) via escrow.openSettlement`,
      tx,
      charlie,
      [charlie, bob],
      async () => [(await api.query.escrow.nextSettlementId()).toJSON()],
    );
  }
  {
    // A megabyte of order number: turned away at decoding like a byte too many.
    const len = 1024 * 1024;
    const tx = await api.tx.escrow
      .openSettlement(STORE, `0x${'61'.repeat(len)}`, 'Native', UNIT, bob.address, null, `0x${'07'.repeat(32)}`)
      .signAsync(eve, { nonce: await nonceOf(eve) });
    await oversizedCase(
      `order number of ${len} bytes via escrow.openSettlement`,
      tx,
      eve,
      [eve, bob],
      async () => [(await api.query.escrow.nextSettlementId()).toJSON()],
    );
  }
  {
    const tx = await api.tx.storeOrders
      .markShipped(STORE, 'no-such-order', 'L'.repeat(MAX_LOGISTICS + 1))
      .signAsync(bob, { nonce: await nonceOf(bob) });
    await oversizedCase(
      `logistics of ${MAX_LOGISTICS + 1} bytes (MaxLogisticsLen ${MAX_LOGISTICS}) via storeOrders.markShipped`,
      tx,
      bob,
      [bob],
      async () => [(await api.query.storeOrders.orders(STORE, 'no-such-order')).toJSON()],
    );
  }

  // --- nothing rejected is in a block ------------------------------------------------------------
  {
    const best = await bestNumber(api);
    const found = [];
    for (let n = startBest; n <= best; n++) {
      const block = await api.rpc.chain.getBlock(await api.rpc.chain.getBlockHash(n));
      const hashes = new Set(block.block.extrinsics.map((x) => x.hash.toHex()));
      for (const r of rejected) if (hashes.has(r.hash)) found.push(`${r.name} in #${n}`);
    }
    record(
      `no rejected or future extrinsic is in blocks #${startBest}-#${best}`,
      'none included',
      found.length ? 'included' : 'none included',
      found.length ? found.join('; ') : `${rejected.length} extrinsics looked for`,
    );
  }

  // --- the node still works ---------------------------------------------------------------------
  {
    const health = (await raw('system_health', [])).result;
    const best = await bestNumber(api);
    const fin0 = await finalizedNumber(api);
    const reached = await waitForBlock(api, best + 2, { timeoutMs: 30_000 });
    const fin1 = await finalizedNumber(api);
    // A well-formed transfer still goes through.
    const after = await send(api, api.tx.balances.transferKeepAlive(dave.address, UNIT), alice).catch((e) => ({ error: e.message }));
    const alive = health && reached !== null && fin1 > fin0 && after.error === null;
    record(
      'afterwards: RPC answers, blocks are produced and finalized, a transfer succeeds',
      'accept',
      alive ? 'accept' : 'reject',
      `system_health ${health ? 'answered' : 'FAILED'}; best #${best} → #${reached ?? 'stuck'} (started at #${startBest}); ` +
        `finalized #${fin0} → #${fin1}; transfer ${after.error ?? 'ok'}`,
    );
  }

  console.log('\ncase | expected | outcome | what the node said');
  console.log('--- | --- | --- | ---');
  for (const r of rows) console.log(`${r.name} | ${r.expect} | ${r.ok ? '' : 'UNEXPECTED: '}${r.outcome} | ${r.detail}`);
  await api.disconnect();
  return rows;
}
