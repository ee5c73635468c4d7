// Who signs: accounts of a browser wallet extension (polkadot.js and compatible, through the
// injected-accounts standard) and, on a development chain, the well-known development accounts.
import type { PolkadotSigner, SS58String } from "polkadot-api";
import { getPolkadotSigner } from "polkadot-api/signer";
import { connectInjectedExtension, getInjectedExtensions } from "polkadot-api/pjs-signer";
import { sr25519CreateDerive } from "@polkadot-labs/hdkd";
import {
  DEV_PHRASE,
  entropyToMiniSecret,
  mnemonicToEntropy,
  ss58Address,
} from "@polkadot-labs/hdkd-helpers";
import { computed, signal } from "@preact/signals";

export interface Account {
  address: SS58String;
  name: string;
  /** "dev" or the wallet extension's name. */
  source: string;
  signer: PolkadotSigner;
  /** The key's signature scheme, as a `MultiSignature` names it. */
  scheme: "Sr25519" | "Ed25519" | "Ecdsa";
}

export const DEV_NAMES = ["Alice", "Bob", "Charlie", "Dave", "Eve", "Ferdie"];

export const devAccounts = signal<Account[]>([]);
export const walletAccounts = signal<Account[]>([]);
export const accounts = computed(() => [...walletAccounts.value, ...devAccounts.value]);
export const selectedAddress = signal<string | null>(localStorage.getItem("escrow:account"));
export const me = computed(
  () => accounts.value.find((a) => a.address === selectedAddress.value) ?? accounts.value[0] ?? null,
);

export function select(address: string) {
  selectedAddress.value = address;
  localStorage.setItem("escrow:account", address);
}

/** The development accounts, derived from the well-known development phrase. */
export function loadDevAccounts(ss58: number) {
  const derive = sr25519CreateDerive(entropyToMiniSecret(mnemonicToEntropy(DEV_PHRASE)));
  devAccounts.value = DEV_NAMES.map((name) => {
    const pair = derive(`//${name}`);
    return {
      address: ss58Address(pair.publicKey, ss58),
      name,
      source: "dev",
      signer: getPolkadotSigner(pair.publicKey, "Sr25519", pair.sign),
      scheme: "Sr25519" as const,
    };
  });
}

export const extensions = () => getInjectedExtensions();

/** Asks the wallet extension `name` for its accounts and follows them. */
export async function connectWallet(name: string) {
  const ext = await connectInjectedExtension(name, "escrow-chain");
  const take = () =>
    (walletAccounts.value = ext.getAccounts().map((a) => ({
      address: a.address,
      name: a.name ?? a.address.slice(0, 8),
      source: name,
      signer: a.polkadotSigner,
      scheme: a.type === "ed25519" ? ("Ed25519" as const) : a.type === "ecdsa" ? ("Ecdsa" as const) : ("Sr25519" as const),
    })));
  take();
  ext.subscribe(take);
}

export function nameOf(address: string | undefined): string | undefined {
  return accounts.value.find((a) => a.address === address)?.name;
}
