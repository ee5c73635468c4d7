// Signed payment requests: the store signs its order's terms with its wallet, so that the
// buyer's payment opens the settlement already accepted and the store may stay offline until it
// ships. The bytes signed are the pallet's (`PaymentRequest::signing_payload`): a context
// string, then the request's SCALE encoding, which the runtime's own metadata gives us the
// codec of. Wallets wrap what they sign in `<Bytes>`…`</Bytes>`; the chain accepts that.
import { getTypedCodecs } from "polkadot-api";
import { verify as sr25519Verify } from "@scure/sr25519";
import { getSs58AddressInfo } from "@polkadot-api/substrate-bindings";
import { escrow } from "../.papi/descriptors/dist/index.js";
import { api, chain } from "./chain";
import type { Account } from "./accounts";
import { bytes, hex, type PaymentRequest } from "./order";

export type Scheme = "Sr25519" | "Ed25519" | "Ecdsa";

/** What a signed link adds to a payment request. */
export interface Signature {
  /** The last block the request may be paid in. */
  validUntil: number;
  /** The chain's genesis hash. */
  genesis: string;
  /** The account whose key signed: the store's owner or its payout account. */
  signer: string;
  scheme: Scheme;
  /** The signature, hex. */
  value: string;
}

const CONTEXT = bytes("escrow-chain payment request v1");
const WRAP = [bytes("<Bytes>"), bytes("</Bytes>")] as const;

let codec: Promise<{ enc: (v: unknown) => Uint8Array }> | null = null;
function requestCodec() {
  codec ??= getTypedCodecs(escrow).then(
    (c) => (c.tx.StoreOrders.pay_signed_request as unknown as { inner: { request: { enc: (v: unknown) => Uint8Array } } }).inner.request,
  );
  return codec;
}

/** The request as the call takes it. */
export function onChain(req: PaymentRequest, sig: Pick<Signature, "validUntil" | "genesis">) {
  return {
    store: req.store,
    order_no: bytes(req.order),
    asset: req.asset,
    amount: req.amount,
    snapshot: req.snapshot,
    time_limit: req.timeLimit ?? 0,
    valid_until: sig.validUntil,
    payer: req.payer,
    genesis: sig.genesis,
  };
}

const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/** The bytes the store signs. */
export async function payload(req: PaymentRequest, sig: Pick<Signature, "validUntil" | "genesis">) {
  return concat(CONTEXT, (await requestCodec()).enc(onChain(req, sig)));
}

/**
 * Signs `req` (its time limit set) with `account`, valid from now for the chain's longest
 * validity (`MaxRequestValidity`) from block `now`.
 */
export async function sign(req: PaymentRequest, account: Account, now: number): Promise<Signature> {
  const c = chain.value;
  if (!c) throw new Error("not connected");
  const validity = await api.constants.StoreOrders.MaxRequestValidity();
  const terms = { validUntil: now + Number(validity), genesis: c.genesis };
  // The signer wraps the bytes in <Bytes>…</Bytes>, as every wallet does.
  const value = await account.signer.signBytes(await payload(req, terms));
  return { ...terms, signer: account.address, scheme: account.scheme, value: hex(value) };
}

/**
 * Whether `sig` is its signer's signature over `req`: checked here for sr25519 keys (raw or
 * wrapped, as the chain checks it); `null` for other schemes, which the chain checks when paid.
 */
export async function verifies(req: PaymentRequest, sig: Signature): Promise<boolean | null> {
  if (sig.scheme !== "Sr25519") return null;
  const info = getSs58AddressInfo(sig.signer);
  if (!info.isValid) return false;
  const message = await payload(req, sig);
  const signature = fromHex(sig.value);
  if (signature.length !== 64) return false;
  return (
    sr25519Verify(message, signature, info.publicKey) ||
    sr25519Verify(concat(WRAP[0], message, WRAP[1]), signature, info.publicKey)
  );
}

export function fromHex(h: string): Uint8Array {
  const s = h.startsWith("0x") ? h.slice(2) : h;
  if (!/^([0-9a-f]{2})*$/i.test(s)) return new Uint8Array();
  return Uint8Array.from(s.match(/../g) ?? [], (b) => parseInt(b, 16));
}

/** The time-limit rule the chain resolves for `store`'s orders: its default, or the chain's, within the bounds. */
export async function resolvedTimeLimit(storeDefault: number | undefined): Promise<number> {
  const [def, min, max, chainMin] = await Promise.all([
    api.constants.Escrow.DefaultTimeLimit(),
    api.constants.Escrow.MinTimeLimit(),
    api.constants.Escrow.MaxTimeLimit(),
    api.query.Escrow.ChainMinTimeLimit.getValue(),
  ]);
  const lo = Math.min(Math.max(chainMin ?? min, min), max);
  return Math.min(Math.max(storeDefault ?? def, lo), max);
}
