// The connection to the chain: one PAPI client, typed by descriptors generated from the
// runtime's own metadata; the live block signals every view refreshes on; the chain's token,
// its assets and the documentation of its errors, read once from the chain.
import { createClient, type SS58String } from "polkadot-api";
import { getWsProvider } from "polkadot-api/ws";
import { decAnyMetadata, unifyMetadata } from "@polkadot-api/substrate-bindings";
import { signal } from "@preact/signals";
import { useEffect, useState } from "preact/hooks";
import { escrow } from "../.papi/descriptors/dist/index.js";

/** `?rpc=ws://host:port` picks the node; else the node beside the page, on 9944. */
export const rpcUrl =
  new URLSearchParams(location.search).get("rpc") ?? `ws://${location.hostname || "127.0.0.1"}:9944`;
export const client = createClient(getWsProvider(rpcUrl));
export const api = client.getTypedApi(escrow);

/** What the chain settles in: the native token or an asset of `pallet-assets`. */
export type AssetKind = { type: "Native"; value?: undefined } | { type: "WithId"; value: number };
export const NATIVE: AssetKind = { type: "Native" };
export const assetKey = (a: AssetKind): string => (a.type === "Native" ? "native" : String(a.value));
export const assetFromKey = (k: string): AssetKind =>
  k === "native" ? NATIVE : { type: "WithId", value: Number(k) };

export interface AssetInfo {
  kind: AssetKind;
  key: string;
  symbol: string;
  decimals: number;
  name: string;
}

export interface ChainInfo {
  name: string;
  dev: boolean;
  /** Milliseconds a block is expected to take (the Aura slot). */
  slotMs: number;
  assets: AssetInfo[];
  sudo?: SS58String;
  /** Pallet name -> error name -> the error's documentation in the runtime's metadata. */
  errorDocs: Record<string, Record<string, string>>;
  ss58: number;
  /** The genesis block's hash: a signed payment request names its chain by it. */
  genesis: string;
}

export const chain = signal<ChainInfo | null>(null);
export const best = signal<{ number: number; hash: string } | null>(null);
export const finalized = signal(0);
/** The chain's clock (`Timestamp::Now`, ms) at the best block, and when we read it. */
export const chainTime = signal<{ ms: number; read: number } | null>(null);
export const connection = signal<"connecting" | "live" | "error">("connecting");

const text = new TextDecoder();

async function readErrorDocs(hash: string) {
  const metadata = unifyMetadata(decAnyMetadata(await client.getMetadata(hash)));
  const docs: ChainInfo["errorDocs"] = {};
  for (const pallet of metadata.pallets) {
    if (pallet.errors == null) continue;
    const type = metadata.lookup[pallet.errors.type];
    if (type?.def.tag !== "variant") continue;
    docs[pallet.name] = Object.fromEntries(
      type.def.value.map((v) => [v.name, v.docs.join(" ").replace(/\s+/g, " ").trim()]),
    );
  }
  return docs;
}

async function readChain(hash: string): Promise<ChainInfo> {
  const [spec, chainType, slotMs, metas, sudo, errorDocs] = await Promise.all([
    client.getChainSpecData(),
    client._request<unknown>("system_chainType", []).catch(() => null),
    api.constants.Aura.SlotDuration(),
    api.query.Assets.Metadata.getEntries({ at: hash }),
    api.query.Sudo.Key.getValue({ at: hash }),
    readErrorDocs(hash),
  ]);
  const props = (spec.properties ?? {}) as Record<string, unknown>;
  const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
  const assets: AssetInfo[] = [
    {
      kind: NATIVE,
      key: "native",
      symbol: String(first(props.tokenSymbol) ?? "UNIT"),
      decimals: Number(first(props.tokenDecimals) ?? 12),
      name: spec.name,
    },
    ...metas
      .map(({ keyArgs: [id], value }) => ({
        kind: { type: "WithId", value: id } as AssetKind,
        key: String(id),
        symbol: text.decode(value.symbol),
        decimals: value.decimals,
        name: text.decode(value.name),
      }))
      .sort((a, b) => Number(a.key) - Number(b.key)),
  ];
  return {
    name: spec.name,
    dev: chainType === "Development" || chainType === "Local",
    slotMs: Number(slotMs),
    assets,
    sudo,
    errorDocs,
    ss58: Number(props.ss58Format ?? 42),
    genesis: spec.genesisHash,
  };
}

export function asset(kind: AssetKind | string): AssetInfo {
  const key = typeof kind === "string" ? kind : assetKey(kind);
  const found = chain.value?.assets.find((a) => a.key === key);
  return found ?? { kind: assetFromKey(key), key, symbol: `#${key}`, decimals: 0, name: key };
}

/** Starts following the chain: its best and finalized blocks and its clock. */
export function connect() {
  let first = true;
  client.bestBlocks$.subscribe({
    next: (blocks) => {
      const top = blocks[0];
      if (!top) return;
      best.value = { number: top.number, hash: top.hash };
      connection.value = "live";
      if (first) {
        first = false;
        readChain(top.hash)
          .then((info) => {
            chain.value = info;
            performance.mark("escrow:live");
          })
          .catch((e) => {
            console.error(e);
            connection.value = "error";
          });
      }
      api.query.Timestamp.Now.getValue({ at: top.hash })
        .then((ms) => (chainTime.value = { ms: Number(ms), read: Date.now() }))
        .catch(() => {});
    },
    error: () => (connection.value = "error"),
  });
  client.finalizedBlock$.subscribe((b) => (finalized.value = b.number));
}

/**
 * Loads `load(bestHash)` now and again at every new best block; the last answer, or undefined
 * until the first. A block unpinned under a slow query is skipped: the next one loads again.
 */
export function useLive<T>(load: (at: string) => Promise<T>, deps: unknown[]): T | undefined {
  // An answer is kept with the deps it was loaded for: other deps show nothing until loaded.
  const key = JSON.stringify(deps, (_, v) => (typeof v === "bigint" ? `${v}n` : v));
  const [answer, setAnswer] = useState<{ key: string; value: T }>();
  const at = best.value?.hash;
  useEffect(() => {
    if (!at || !chain.value) return;
    let current = true;
    load(at)
      .then((value) => current && setAnswer({ key, value }))
      .catch((e) => console.debug("escrow-chain: a query was skipped", e));
    return () => {
      current = false;
    };
  }, [at, chain.value, key]);
  return answer?.key === key ? answer.value : undefined;
}

/** The best block's estimated wall-clock time of block `n`, from the chain's own clock. */
export function timeOfBlock(n: number): number | null {
  const b = best.value;
  const t = chainTime.value;
  const c = chain.value;
  if (!b || !t || !c) return null;
  return t.ms + (n - b.number) * c.slotMs;
}
