// Submitting a transaction and showing its progress: signing, in the pool, in a block, final;
// or the error, in the words of the pallet's own documentation for it.
import { InvalidTxError, type TxEvent } from "polkadot-api";
import { signal } from "@preact/signals";
import { chain } from "./chain";
import { me } from "./accounts";
import { t } from "./i18n";

export type Stage = "signing" | "pool" | "block" | "final" | "failed";
export interface TxState {
  id: number;
  label: string;
  stage: Stage;
  block?: number;
  error?: string;
}
export interface TxEventRecord {
  type: string;
  value: { type: string; value: unknown };
}

export const txs = signal<TxState[]>([]);
let nextId = 1;

interface Submittable {
  signSubmitAndWatch(signer: never, options?: never): {
    subscribe(o: { next: (e: TxEvent) => void; error: (e: unknown) => void }): unknown;
  };
}

/** What went wrong, for a person: a dispatch error's documentation from the metadata. */
export function explain(error: unknown): string {
  const e = error as { type?: string; value?: { type?: string; value?: { type?: string } } };
  if (e?.type === "Module" && e.value?.type && e.value.value?.type) {
    const pallet = e.value.type;
    const name = e.value.value.type;
    const doc = chain.value?.errorDocs[pallet]?.[name];
    return doc ? `${doc} (${pallet}.${name})` : `${pallet}.${name}`;
  }
  if (e?.type === "Token" || e?.type === "Arithmetic") {
    return t(`err.${e.type}.${e.value?.type ?? ""}`, {}, `${e.type}: ${e.value?.type ?? ""}`);
  }
  if (e?.type === "BadOrigin") return t("err.BadOrigin");
  return e?.type ? `${e.type}${e.value?.type ? ": " + e.value.type : ""}` : String(error);
}

function explainInvalid(error: unknown): string {
  if (error instanceof InvalidTxError) {
    const e = error.error as { type?: string; value?: { type?: string } };
    const key = `invalid.${e.type}.${e.value?.type ?? ""}`;
    return t(key, {}, `${e.type ?? ""} ${e.value?.type ?? ""}`.trim());
  }
  const message = (error as Error)?.message ?? String(error);
  if (/cancel|reject/i.test(message)) return t("tx.rejected");
  return message;
}

/**
 * Signs `tx` as the selected account, submits it and follows it. Resolves with the events of
 * the transaction once it is in a block and succeeded, or with null if it failed or was not
 * signed (the progress panel then shows why). `feeAsset`: the asset id to pay fees in.
 */
export function submit(
  label: string,
  tx: Submittable,
  feeAsset?: number,
): Promise<TxEventRecord[] | null> {
  const account = me.value;
  const id = nextId++;
  const update = (patch: Partial<TxState>) =>
    (txs.value = txs.value.map((s) => (s.id === id ? { ...s, ...patch } : s)));
  txs.value = [{ id, label, stage: "signing" as Stage }, ...txs.value].slice(0, 4);
  if (!account) {
    update({ stage: "failed", error: t("tx.noAccount") });
    return Promise.resolve(null);
  }
  return new Promise((resolve) => {
    let settled = false;
    const done = (value: TxEventRecord[] | null) => {
      if (!settled) {
        settled = true;
        resolve(value);
      }
    };
    const options = (feeAsset === undefined ? {} : { asset: feeAsset }) as never;
    tx.signSubmitAndWatch(account.signer as never, options).subscribe({
      next: (e: TxEvent) => {
        if (e.type === "signed") update({ stage: "signing" });
        else if (e.type === "broadcasted") update({ stage: "pool" });
        else if ((e.type === "txBestBlocksState" && e.found) || e.type === "finalized") {
          const block = e.block.number;
          if (e.ok) {
            update({ stage: e.type === "finalized" ? "final" : "block", block });
            done(e.events as unknown as TxEventRecord[]);
          } else {
            update({ stage: "failed", block, error: explain(e.dispatchError) });
            done(null);
          }
        }
      },
      error: (err: unknown) => {
        update({ stage: "failed", error: explainInvalid(err) });
        done(null);
      },
    });
  });
}

export function findEvent(events: TxEventRecord[] | null, pallet: string, name: string) {
  return events?.find((e) => e.type === pallet && e.value.type === name)?.value.value as
    | Record<string, unknown>
    | undefined;
}
