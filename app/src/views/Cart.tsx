// A cart of payment links from different stores, paid with one signature: every settlement is
// held, or none (`utility.batch_all`), each in its own currency; afterwards each is followed on
// its own on the buyer's page. A link that fails its checks keeps the whole cart from being
// paid, and the cart says which.
import { signal } from "@preact/signals";
import { api, type AssetKind } from "../chain";
import { Amount, Card, Field, TxButton, feeAssetOf } from "../components";
import { decodeRequest } from "../order";
import { t } from "../i18n";
import { go } from "../route";
import { rememberOpened, useLink } from "./Pay";
import { useEffect, useState } from "preact/hooks";

const KEY = "escrow-chain.cart";

/** The links in the cart (each the `r` parameter of a payment link), kept in this browser. */
export const cart = signal<string[]>(load());

function load(): string[] {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? "[]");
    return Array.isArray(saved) ? saved.filter((p) => typeof p === "string") : [];
  } catch {
    return [];
  }
}

function save(links: string[]) {
  cart.value = links;
  localStorage.setItem(KEY, JSON.stringify(links));
}

/** Puts the link into the cart (once) and opens the cart. */
export function addToCart(param: string) {
  if (param && !cart.value.includes(param)) save([...cart.value, param]);
  go("#/cart");
}

/** The `r` parameter of a pasted payment link (or the parameter itself). */
function paramOf(text: string): string | null {
  const trimmed = text.trim();
  // The part after the hash: the page's own address may carry a query (`?rpc=…`) too.
  const hash = trimmed.includes("#") ? trimmed.slice(trimmed.indexOf("#")) : trimmed;
  const query = hash.includes("?") ? hash.slice(hash.indexOf("?") + 1) : `r=${hash}`;
  const r = new URLSearchParams(query).get("r");
  return r && decodeRequest(r) ? r : null;
}

type Checked = { problems: string[]; ready: boolean; call: ReturnType<NonNullable<ReturnType<typeof useLink>>["call"]>; asset?: AssetKind };

/** What each cart line found: filled in by the lines as the chain answers. */
const checks = signal<Record<string, Checked>>({});

export function Cart() {
  const [pasted, setPasted] = useState("");
  const links = cart.value;
  const lines = links.map((p) => checks.value[p]);
  const ready = links.length > 0 && lines.every((c) => c?.ready);
  const assets = new Set(lines.map((c) => JSON.stringify(c?.asset ?? null)));
  // One currency: the fee in it, as for one link; several: in ESC.
  const feeAsset = assets.size === 1 && lines[0]?.asset ? feeAssetOf(lines[0].asset) : undefined;
  const add = () => {
    const p = paramOf(pasted);
    if (p && !links.includes(p)) save([...links, p]);
    setPasted("");
  };
  return (
    <div class="grid">
      <Card title={t("cart.title", { n: links.length })} testid="cart">
        {links.length === 0 && <p class="muted">{t("cart.empty")}</p>}
        <ol class="cart">
          {links.map((p) => (
            <CartLine key={p} param={p} onRemove={() => save(links.filter((l) => l !== p))} />
          ))}
        </ol>
        <Field label={t("cart.paste")} value={pasted} onInput={setPasted} testid="cart-paste" />
        <button type="button" data-testid="cart-add" disabled={!paramOf(pasted)} onClick={add}>
          {t("cart.addLink")}
        </button>
        <p class="hint">{t("cart.explain")}</p>
        {links.length > 0 && !ready && lines.every((c) => c) && (
          <p class="error" role="alert" data-testid="cart-blocked">
            {t("cart.blocked")}
          </p>
        )}
        <TxButton
          kind="primary"
          testid="cart-pay"
          label={t("cart.pay", { n: links.length })}
          disabled={!ready}
          feeAsset={feeAsset}
          make={() => {
            const calls = lines.map((c) => c?.call);
            if (calls.some((c) => !c)) return null;
            return api.tx.Utility.batch_all({ calls: calls.map((c) => c!.decodedCall) });
          }}
          done={(events) => {
            rememberOpened(events);
            save([]);
            go("#/buyer");
          }}
        />
      </Card>
    </div>
  );
}

/** One link of the cart: what it asks and what its checks found. */
function CartLine({ param, onRemove }: { param: string; onRemove: () => void }) {
  const link = useLink(param);
  const problems = link ? link.problems : [t("pay.badLink")];
  const ready = !!link?.ready;
  useEffect(() => {
    checks.value = { ...checks.value, [param]: { problems, ready, call: link?.call() ?? null, asset: link?.req.asset } };
  }, [param, ready, problems.join("\n")]);
  const req = link?.req;
  return (
    <li data-testid={`cart-line-${req?.store}-${req?.order}`} data-ready={String(ready)}>
      {req ? (
        <>
          <strong>{link?.store ? new TextDecoder().decode(link.store.name) : `#${req.store}`}</strong> · {req.order} ·{" "}
          <Amount value={req.amount} kind={req.asset} />
        </>
      ) : (
        <code class="hash">{param}</code>
      )}{" "}
      <button type="button" data-testid="cart-remove" onClick={onRemove}>
        {t("cart.remove")}
      </button>
      {problems.map((p) => (
        <p class="error" role="alert">
          {req ? t("cart.lineProblem", { order: req.order, problem: p }) : p}
        </p>
      ))}
    </li>
  );
}
