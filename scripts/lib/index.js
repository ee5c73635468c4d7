// What the scripts' JS shares (the end-to-end tests, bench/load.js, faults/*.js): a connection
// to a node, the well-known development accounts, a `send` that waits for a signed extrinsic's
// block and names its dispatch error, events by name, and blocks.
//
// Blocks: a development node started with `--sealing instant` or `--sealing manual` makes its
// blocks on demand, and its `engine_createBlock` RPC makes one at once. `newBlock` and
// `waitForBlock` ask such a node for blocks (so a deadline 100 blocks away takes a second, not
// ten minutes) and wait for Aura's blocks on any other node; `sealsOnDemand` tells which, once
// per connection, from the methods the node lists in `rpc_methods`.
//
// The escrow's clock: deadlines count the solo chain's own blocks, and on the parachain
// (parachain/runtime, under polkadot-omni-node) the relay chain's. `clockAt` reads it at a block,
// `waitForDeadline` waits for the block whose agenda pays what falls due at a given time.
//
//   import { connect, devAccounts, ok, findEvent, waitForBlock, UNIT } from '@escrow-chain/scripts-lib';

import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { stringToU8a, u8aConcat, u8aToHex, u8aWrapBytes } from '@polkadot/util';
import { cryptoWaitReady } from '@polkadot/util-crypto';

/** The node's WebSocket: $ESCROW_WS, else the development node of scripts/run-dev-node.sh. */
export const WS = process.env.ESCROW_WS ?? 'ws://127.0.0.1:9944';

/** 1 ESC in planck (12 decimals). */
export const UNIT = 10n ** 12n;

/** The demo store of the development chain: owned by Bob, paying Bob. */
export const STORE = 0;

/** `planck` in ESC as a number, cut to `decimals` decimals: `toEsc(1_234_567_890_000n)` is 1.234. */
export function toEsc(planck, decimals = 3) {
  const scale = 10n ** BigInt(decimals);
  return Number((BigInt(planck) * scale) / UNIT) / Number(scale);
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const providers = new WeakMap();

/**
 * Waits for the crypto WebAssembly, connects to `ws` and resolves with the ApiPromise once it
 * has the node's metadata. The provider reconnects every second and times a request out after
 * `timeoutMs`; `providerOf(api)` gives it, for raw JSON-RPC.
 */
export async function connect(ws = WS, { timeoutMs = 60_000 } = {}) {
  await cryptoWaitReady();
  const provider = new WsProvider(ws, 1000, {}, timeoutMs);
  const api = await ApiPromise.create({ provider, noInitWarn: true, types: TYPES });
  providers.set(api, provider);
  return api;
}

/**
 * Types the API cannot take from the metadata. `ChargeAssetTxPayment` names the asset that pays
 * the fee; @polkadot/api reads its type from a table in which it is an XCM location (as on
 * Asset Hub), while escrow-chain names an asset of `pallet-assets` by its `u32` id. Wallets set
 * the same (polkadot.js apps: Settings, Developer).
 */
export const TYPES = { TAssetConversion: 'Option<u32>' };

/** The development chain's dollar stablecoin: its asset id, decimals and symbol. */
export const STABLECOIN = { id: 1, decimals: 6, symbol: 'eUSD' };
/** One dollar of the stablecoin, in its units. */
export const DOLLAR = 1_000_000n;
/** The stablecoin as an asset of a settlement, a store or a funding link. */
export const USD = { WithId: STABLECOIN.id };
/** The native token as an asset of a settlement, a store or a funding link. */
export const NATIVE = 'Native';

/** The WsProvider of a connection made by `connect`. */
export function providerOf(api) {
  return providers.get(api);
}

/** The development accounts' names, as in `//Alice`. */
export const DEV_NAMES = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'];

/**
 * An sr25519 keyring (SS58 format 42) with the development accounts: `{ keyring, alice, bob,
 * charlie, dave, eve, ferdie }`. After `connect` (or `cryptoWaitReady`).
 */
export function devAccounts() {
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const accounts = Object.fromEntries(DEV_NAMES.map((n) => [n.toLowerCase(), keyring.addFromUri(`//${n}`)]));
  return { keyring, ...accounts };
}

/** A dispatch error by name: `section.Name` for a module error, else the error's own text. */
export function errorName(api, dispatchError) {
  if (dispatchError.isModule) {
    const meta = api.registry.findMetaError(dispatchError.asModule);
    return `${meta.section}.${meta.name}`;
  }
  return dispatchError.toString();
}

/**
 * Signs `tx` with `signer` (its next nonce, counting the pool; `tip` if given), submits it and
 * waits until it is in a block. Resolves with `{ events, error, fee, feeAsset, blockHash }`:
 * `error` is the failed dispatch's `section.Name` (or null), `fee` what the signer paid, in ESC
 * or, with `assetId` (the fee paid in that asset of `pallet-assets`), in that asset, whose id
 * `feeAsset` then gives. Rejects when the pool refuses, drops or replaces it. `onReady` is
 * called once the pool has taken it.
 *
 * The block is the one of the first `InBlock` or `Finalized` status: on a node that seals
 * instantly the block is finalized as it is imported, and the pool reports `Finalized` alone.
 */
export function send(api, tx, signer, { tip, onReady, assetId } = {}) {
  return new Promise((resolve, reject) => {
    let unsub = null;
    let done = false;
    let pooled = false;
    const finish = () => {
      done = true;
      unsub?.();
    };
    const options = { nonce: -1 };
    if (tip !== undefined) options.tip = tip;
    // The fee in an asset of `pallet-assets`, as a wallet sets it.
    if (assetId !== undefined) options.assetId = assetId;
    tx.signAndSend(signer, options, ({ status, events, dispatchError }) => {
      if (done) return;
      const block = status.isInBlock ? status.asInBlock : status.isFinalized ? status.asFinalized : null;
      if (!pooled && (status.isReady || status.isBroadcast || block)) {
        pooled = true;
        onReady?.();
      }
      if (status.isInvalid || status.isDropped || status.isUsurped) {
        finish();
        reject(new Error(`transaction ${status.type}`));
        return;
      }
      if (!block) return;
      finish();
      const paid = events.find(({ event }) => api.events.transactionPayment.TransactionFeePaid.is(event));
      const paidInAsset = events.find(({ event }) => api.events.assetTxPayment?.AssetTxFeePaid.is(event));
      const fee = paid ?? paidInAsset;
      resolve({
        events: events.map(({ event }) => event),
        error: dispatchError ? errorName(api, dispatchError) : null,
        fee: fee ? fee.event.data.actualFee.toBigInt() : 0n,
        feeAsset: paidInAsset ? paidInAsset.event.data.assetId.unwrapOr(null)?.toNumber() ?? null : null,
        blockHash: block,
      });
    })
      .then((u) => {
        unsub = u;
        if (done) u();
      })
      .catch(reject);
  });
}

/** `send`, failing unless the dispatch succeeded. */
export async function ok(api, tx, signer, options) {
  const result = await send(api, tx, signer, options);
  if (result.error) throw new Error(`expected success, got ${result.error}`);
  return result;
}

/**
 * The first event `section.Method` among `events`, as a plain object of its named fields in
 * camelCase (`deposit_to_opener` becomes `depositToOpener`, as @polkadot/api names them).
 */
export function findEvent(events, section, method) {
  const event = events.find((e) => e.section === section && e.method === method);
  if (!event) return undefined;
  const fields = {};
  event.meta.fields.forEach((field, i) => {
    const name = field.name.unwrap().toString().replace(/_([a-z])/g, (_, c) => c.toUpperCase());
    fields[name] = event.data[i];
  });
  return fields;
}

/** The number of the best block. */
export async function bestNumber(api) {
  return (await api.rpc.chain.getHeader()).number.toNumber();
}

/** The number of the finalized block. */
export async function finalizedNumber(api) {
  return (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
}

const onDemand = new WeakMap();

/**
 * Whether the node makes blocks on demand (`--sealing instant` or `manual`): whether its
 * `rpc_methods` lists `engine_createBlock`. Asked once per connection.
 */
export function sealsOnDemand(api) {
  if (!onDemand.has(api)) {
    onDemand.set(
      api,
      api.rpc.rpc.methods().then(({ methods }) => methods.some((m) => m.toString() === 'engine_createBlock')),
    );
  }
  return onDemand.get(api);
}

/**
 * Resolves with the number of a block newer than the best block now: on a node that seals on
 * demand one made at once (`engine_createBlock(createEmpty = true, finalize = true, parentHash
 * = null)`: on the best block), elsewhere the next block the node imports.
 */
export async function newBlock(api) {
  if (await sealsOnDemand(api)) {
    // No parentHash argument: @polkadot/api would send a null as the zero hash.
    const created = await api.rpc.engine.createBlock(true, true);
    return (await api.rpc.chain.getHeader(created.blockHash)).number.toNumber();
  }
  return waitForBlock(api, (await bestNumber(api)) + 1);
}

/**
 * Resolves with the best block number once it is at least `n`: on a node that seals on demand
 * by making blocks until it is, elsewhere by waiting for them. With `timeoutMs`, resolves with
 * null if that passes first.
 */
export async function waitForBlock(api, n, { timeoutMs } = {}) {
  const end = timeoutMs === undefined ? Infinity : Date.now() + timeoutMs;
  if (await sealsOnDemand(api)) {
    let best = await bestNumber(api);
    while (best < n) {
      if (Date.now() > end) return null;
      best = await newBlock(api);
    }
    return best;
  }
  return new Promise((resolve, reject) => {
    let unsub = null;
    let done = false;
    const finish = (value) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      unsub?.();
      resolve(value);
    };
    const timer = end === Infinity ? undefined : setTimeout(() => finish(null), end - Date.now());
    api.rpc.chain
      .subscribeNewHeads((header) => {
        if (header.number.toNumber() >= n) finish(header.number.toNumber());
      })
      .then((u) => {
        unsub = u;
        if (done) u();
      })
      .catch((error) => {
        clearTimeout(timer);
        reject(error);
      });
  });
}

/**
 * The escrow's clock at the block `hash` (default: the best block): what deadlines count. On the
 * solo chain the block's number; on a parachain the number of the relay-chain block it was built
 * on (`parachainSystem.lastRelayChainBlockNumber` in its state).
 */
export async function clockAt(api, hash) {
  const at = hash ?? (await api.rpc.chain.getBlockHash());
  if (api.query.parachainSystem) {
    return (await (await api.at(at)).query.parachainSystem.lastRelayChainBlockNumber()).toNumber();
  }
  return (await api.rpc.chain.getHeader(at)).number.toNumber();
}

/**
 * Resolves with the hash of the block whose agenda first ran at clock `n` or later: the block
 * that pays what falls due at `n`. On the solo chain that is block `n`. On a parachain it is the
 * block after the first one built on relay block `n` or later, because a parachain block's
 * `on_initialize` runs before the block's relay parent is known and reads its parent's.
 */
export async function waitForDeadline(api, n) {
  if (!api.query.parachainSystem) {
    await waitForBlock(api, n);
    return api.rpc.chain.getBlockHash(n);
  }
  let best = await bestNumber(api);
  while ((await clockAt(api, await api.rpc.chain.getBlockHash(best))) < n) {
    best = await newBlock(api);
  }
  // The first block built on relay block n or later, then the block after it.
  let first = best;
  while (first > 1 && (await clockAt(api, await api.rpc.chain.getBlockHash(first - 1))) >= n) first -= 1;
  await waitForBlock(api, first + 1);
  return api.rpc.chain.getBlockHash(first + 1);
}

/** What a store's payment request signatures are made over begins with these bytes. */
export const PAYMENT_REQUEST_CONTEXT = 'escrow-chain payment request v1';

/**
 * A store's payment request (`storeOrders.paySignedRequest`'s `request`: `{ store, orderNo,
 * asset, amount, snapshot, timeLimit, validUntil, payer, genesis }`), signed with the keyring
 * pair `signer` over its signing payload, as the store's wallet signs it: wrapped in
 * `<Bytes>`…`</Bytes>` as browser wallets sign messages, or raw with `{ wrap: false }`.
 * Returns the arguments of the call: `{ request, signer, signature }`.
 */
export function signRequest(api, fields, signer, { wrap = true } = {}) {
  const type = api.tx.storeOrders.paySignedRequest.meta.args[0].type.toString();
  const request = api.createType(type, fields);
  const payload = u8aConcat(stringToU8a(PAYMENT_REQUEST_CONTEXT), request.toU8a());
  const signature = signer.sign(wrap ? u8aWrapBytes(payload) : payload);
  const scheme = { sr25519: 'Sr25519', ed25519: 'Ed25519', ecdsa: 'Ecdsa' }[signer.type];
  return { request, signer: signer.address, signature: { [scheme]: u8aToHex(signature) } };
}
