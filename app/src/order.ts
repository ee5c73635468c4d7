// A store's payment request: what a payment link or QR code carries, and the order document
// whose hash is the settlement's snapshot (S201: the store order information snapshot).
import { Blake2256 } from "@polkadot-api/substrate-bindings";
import type { AssetKind } from "./chain";
import type { Signature } from "./signed";
import { assetFromKey, assetKey } from "./chain";

export interface Item {
  name: string;
  qty: number;
  /** The unit price in the asset's units, as typed ("12.50"). */
  price: string;
}

/** The order document: the store's own description of the order. Its hash is the snapshot. */
export interface OrderDoc {
  store: number;
  order: string;
  asset: string;
  items: Item[];
  total: string;
}

/** A payment link's content. `doc` is the document's exact text, so that it can be hashed. */
export interface PaymentRequest {
  store: number;
  order: string;
  asset: AssetKind;
  /** In the asset's smallest unit. */
  amount: bigint;
  timeLimit?: number;
  doc: string;
  snapshot: string;
  /** The store's signature, on a signed link: the order is accepted as it is paid. */
  signed?: Signature;
  /** On a signed link, the only account that may pay it, if the store named one. */
  payer?: string;
}

const utf8 = new TextEncoder();

export function hex(bytes: Uint8Array): string {
  return "0x" + Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** BLAKE2b-256 of the text's UTF-8 bytes: a snapshot, a dispute reason, an evidence hash. */
export function hashText(text: string): string {
  return hex(Blake2256(utf8.encode(text)));
}

/** The document's text: JSON with its keys in a fixed order. */
export function docText(doc: OrderDoc): string {
  return JSON.stringify({
    store: doc.store,
    order: doc.order,
    asset: doc.asset,
    items: doc.items.map((i) => ({ name: i.name, qty: i.qty, price: i.price })),
    total: doc.total,
  });
}

/**
 * Items as typed or pasted: one a line, "name; quantity; unit price" (tabs or semicolons, as a
 * spreadsheet copies them). Returns the items, or the number of the first line that is not one.
 */
export function parseItems(text: string): Item[] | { badLine: number } {
  const items: Item[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    const cells = line.split(/\t|;/).map((c) => c.trim());
    const [name, qty, price] = cells;
    const n = Number(qty);
    if (cells.length !== 3 || !name || !Number.isInteger(n) || n < 1 || !/^\d+(\.\d+)?$/.test(price ?? "")) {
      return { badLine: i + 1 };
    }
    items.push({ name, qty: n, price: price! });
  }
  return items;
}

function b64url(text: string): string {
  const bytes = utf8.encode(text);
  let bin = "";
  bytes.forEach((b) => (bin += String.fromCharCode(b)));
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function unb64url(s: string): string {
  const bin = atob(s.replace(/-/g, "+").replace(/_/g, "/"));
  return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

/** The `#/pay?r=…` part of a payment link. */
export function encodeRequest(r: PaymentRequest): string {
  const body = {
    s: r.store,
    o: r.order,
    a: assetKey(r.asset),
    m: r.amount.toString(),
    t: r.timeLimit,
    d: r.doc,
    h: r.snapshot,
    ...(r.signed && {
      p: r.payer,
      v: r.signed.validUntil,
      g: r.signed.genesis,
      k: r.signed.signer,
      y: r.signed.scheme,
      x: r.signed.value,
    }),
  };
  return `#/pay?r=${b64url(JSON.stringify(body))}`;
}

export function decodeRequest(param: string): PaymentRequest | null {
  try {
    const b = JSON.parse(unb64url(param)) as Record<string, unknown>;
    if (typeof b.s !== "number" || typeof b.o !== "string" || typeof b.a !== "string") return null;
    if (typeof b.m !== "string" || !/^\d+$/.test(b.m) || typeof b.d !== "string") return null;
    if (typeof b.h !== "string" || !/^0x[0-9a-f]{64}$/.test(b.h)) return null;
    return {
      store: b.s,
      order: b.o,
      asset: assetFromKey(b.a),
      amount: BigInt(b.m),
      timeLimit: typeof b.t === "number" ? b.t : undefined,
      doc: b.d,
      snapshot: b.h,
      signed: signedPart(b),
      payer: typeof b.p === "string" ? b.p : undefined,
    };
  } catch {
    return null;
  }
}

const HEX = /^0x[0-9a-f]*$/;

/** A link's signature fields, if it has all of them and each is well formed. */
function signedPart(b: Record<string, unknown>): Signature | undefined {
  const { v, g, k, y, x } = b;
  if (typeof v !== "number" || typeof g !== "string" || typeof k !== "string" || typeof x !== "string") return undefined;
  if (y !== "Sr25519" && y !== "Ed25519" && y !== "Ecdsa") return undefined;
  if (!HEX.test(g) || !HEX.test(x) || typeof b.t !== "number") return undefined;
  return { validUntil: v, genesis: g, signer: k, scheme: y, value: x };
}

/** Reads the order document in a request; null if it is not one. */
export function readDoc(text: string): OrderDoc | null {
  try {
    const d = JSON.parse(text) as OrderDoc;
    return Array.isArray(d.items) ? d : null;
  } catch {
    return null;
  }
}

export const bytes = (text: string) => utf8.encode(text);
export const str = (b: Uint8Array) => new TextDecoder().decode(b);
