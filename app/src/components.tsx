// The pieces every screen shares: the header (chain, account, language), the transaction
// progress panel, amounts, countdowns and buttons that sign.
import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { useSignal } from "@preact/signals";
import { api, asset, best, chain, connection, finalized, rpcUrl, timeOfBlock, useLive, type AssetKind } from "./chain";
import { accounts, connectWallet, extensions, me, select } from "./accounts";
import { lang, setLang, t } from "./i18n";
import { amount, date, duration, short } from "./format";
import { submit, txs, type TxEventRecord } from "./tx";
import { route } from "./route";

/** A node named in the page's address on another host than the page's own. */
function remoteNode(): boolean {
  try {
    return new URL(rpcUrl).hostname !== (location.hostname || "127.0.0.1");
  } catch {
    return true;
  }
}

export function Header() {
  const c = chain.value;
  const b = best.value;
  const pages = [
    ["#/", "nav.home"],
    ["#/buyer", "nav.buyer"],
    ["#/store", "nav.store"],
    ["#/cart", "nav.cart"],
    ["#/arbiter", "nav.arbiter"],
  ] as const;
  return (
    <header class="top">
      <div class="brand">
        <strong>escrow-chain</strong>
        <span class="status" data-testid="chain-status" role="status">
          {connection.value === "error"
            ? t("chain.error")
            : b && c
              ? t("chain.live", { name: c.name, n: b.number.toLocaleString(), f: finalized.value.toLocaleString() })
              : t("chain.connecting")}
        </span>
      </div>
      {remoteNode() && (
        <p class="warn remote" data-testid="remote-node">
          {t("chain.remote", { url: rpcUrl })}
        </p>
      )}
      <nav aria-label={t("nav.label")}>
        {pages.map(([href, key]) => (
          <a href={href} aria-current={route.value.page === href.slice(2) ? "page" : undefined}>
            {t(key)}
          </a>
        ))}
      </nav>
      <div class="who">
        <AccountPicker />
        <label class="lang">
          <span class="sr">{t("lang.label")}</span>
          <select value={lang.value} onChange={(e) => setLang((e.target as HTMLSelectElement).value)}>
            <option value="en">English</option>
            <option value="zh">简体中文</option>
          </select>
        </label>
      </div>
    </header>
  );
}

function AccountPicker() {
  const list = accounts.value;
  const wallets = extensions();
  return (
    <div class="picker">
      <label>
        <span class="sr">{t("account.label")}</span>
        <select
          data-testid="account"
          value={me.value?.address ?? ""}
          onChange={(e) => select((e.target as HTMLSelectElement).value)}
        >
          {list.length === 0 && <option value="">{t("account.none")}</option>}
          {list.map((a) => (
            <option value={a.address}>
              {a.name} ({a.source === "dev" ? t("account.dev") : a.source}) {short(a.address)}
            </option>
          ))}
        </select>
      </label>
      {wallets.map((w) => (
        <button type="button" class="link" onClick={() => connectWallet(w).catch((e) => alert(String(e)))}>
          {t("account.connect", { name: w })}
        </button>
      ))}
      {wallets.length === 0 && !chain.value?.dev && <small>{t("account.noWallet")}</small>}
    </div>
  );
}

/** The account's balances in each asset: free and held. */
export function Balances() {
  const who = me.value?.address;
  const rows = useLive(
    async (at) => {
      if (!who) return [];
      return Promise.all(
        (chain.value?.assets ?? []).map(async (a) => {
          if (a.kind.type === "Native") {
            const acc = await api.query.System.Account.getValue(who, { at });
            return { a, free: acc.data.free, held: acc.data.reserved };
          }
          const [acc, held] = await Promise.all([
            api.query.Assets.Account.getValue(a.kind.value, who, { at }),
            api.query.AssetsHolder.BalancesOnHold.getValue(a.kind.value, who, { at }),
          ]);
          return { a, free: acc?.balance ?? 0n, held: held ?? 0n };
        }),
      );
    },
    [who],
  );
  if (!who) return null;
  return (
    <section class="balances" aria-label={t("balance.label")}>
      {(rows ?? []).map(({ a, free, held }) => (
        <div class="balance" data-testid={`balance-${a.symbol}`}>
          <span>{t("balance.free")}</span> <strong>{amount(free, a.kind)}</strong>
          <span> · {t("balance.held")}</span> <strong data-testid={`held-${a.symbol}`}>{amount(held, a.kind)}</strong>
        </div>
      ))}
    </section>
  );
}

const STAGES = ["signing", "pool", "block", "final"] as const;

export function TxPanel() {
  return (
    <aside class="txs" aria-label={t("tx.label")} aria-live="polite">
      {txs.value.map((s) => (
        <div class={`tx ${s.stage}`} data-testid="tx" data-stage={s.stage}>
          <strong>{s.label}</strong>
          {s.stage === "failed" ? (
            <p class="error" data-testid="tx-error" role="alert">
              {s.error}
            </p>
          ) : (
            <ol class="stages">
              {STAGES.map((st, i) => (
                <li class={STAGES.indexOf(s.stage as (typeof STAGES)[number]) >= i ? "done" : ""}>
                  {t(`tx.${st}`, { n: s.block ?? "" })}
                </li>
              ))}
            </ol>
          )}
        </div>
      ))}
    </aside>
  );
}

export function Amount({ value, kind }: { value: bigint; kind: AssetKind }) {
  return <span class="amount">{amount(value, kind)}</span>;
}

/** A deadline block as a date and a countdown. */
export function Deadline({ block }: { block: number }) {
  const at = timeOfBlock(block);
  const b = best.value?.number ?? 0;
  if (at === null) return <span>#{block}</span>;
  const left = (block - b) * (chain.value?.slotMs ?? 6000);
  return (
    <span class="deadline" title={t("deadline.block", { n: block })}>
      {date(at)} ·{" "}
      <span data-testid="countdown">{left > 0 ? t("deadline.in", { d: duration(left) }) : t("deadline.due")}</span>
    </span>
  );
}

/** A button that signs and submits a transaction; busy while it is on its way. */
export function TxButton(props: {
  label: string;
  make: () => Parameters<typeof submit>[1] | null;
  done?: (events: TxEventRecord[]) => void;
  feeAsset?: number;
  kind?: "primary" | "danger";
  disabled?: boolean;
  testid?: string;
}) {
  const busy = useSignal(false);
  return (
    <button
      type="button"
      class={props.kind ?? ""}
      data-testid={props.testid}
      disabled={busy.value || props.disabled || !me.value}
      onClick={async () => {
        const tx = props.make();
        if (!tx) return;
        busy.value = true;
        try {
          const events = await submit(props.label, tx, props.feeAsset);
          if (events) props.done?.(events);
        } finally {
          busy.value = false;
        }
      }}
    >
      {props.label}
    </button>
  );
}

/** A labelled input. */
export function Field(props: {
  label: string;
  value: string;
  onInput: (v: string) => void;
  hint?: string;
  testid?: string;
  multiline?: boolean;
  inputMode?: "decimal" | "numeric" | "text";
}) {
  const [id] = useState(() => `f${Math.random().toString(36).slice(2, 9)}`);
  const common = {
    id,
    value: props.value,
    "data-testid": props.testid,
    "aria-describedby": props.hint ? `${id}-hint` : undefined,
    onInput: (e: Event) => props.onInput((e.target as HTMLInputElement).value),
  };
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      {props.multiline ? <textarea rows={4} {...common} /> : <input inputMode={props.inputMode} {...common} />}
      {props.hint && (
        <small id={`${id}-hint`} class="hint">
          {props.hint}
        </small>
      )}
    </div>
  );
}

export function AssetSelect(props: { value: string; onChange: (k: string) => void; only?: string[]; testid?: string }) {
  const [id] = useState(() => `a${Math.random().toString(36).slice(2, 9)}`);
  const list = (chain.value?.assets ?? []).filter((a) => !props.only || props.only.includes(a.key));
  return (
    <div class="field">
      <label for={id}>{t("asset.label")}</label>
      <select id={id} data-testid={props.testid} value={props.value} onChange={(e) => props.onChange((e.target as HTMLSelectElement).value)}>
        {list.map((a) => (
          <option value={a.key}>
            {a.symbol} — {a.name}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Card(props: { title: ComponentChildren; children: ComponentChildren; testid?: string }) {
  return (
    <section class="card" data-testid={props.testid}>
      <h2>{props.title}</h2>
      {props.children}
    </section>
  );
}

export const feeAssetOf = (kind: AssetKind) => (kind.type === "WithId" ? kind.value : undefined);
export { asset };
