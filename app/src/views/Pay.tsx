// The buyer opens a payment link: the store, the order and its amount, the check that the
// order document matches its snapshot hash, and the payment, held in the buyer's own account.
import { api, asset, assetKey, best, chain, useLive } from "../chain";
import { me } from "../accounts";
import { Amount, Balances, Card, feeAssetOf, TxButton } from "../components";
import { amount, parseUnits } from "../format";
import { bytes, decodeRequest, hashText, readDoc, str } from "../order";
import { t } from "../i18n";
import { go } from "../route";
import type { TxEventRecord } from "../tx";
import { remember } from "./Buyer";
import { addToCart } from "./Cart";
import { percent, useStoreMarketplace } from "./Settlement";
import { MultiAddress } from "../../.papi/descriptors/dist/index.js";
import { onChain, verifies } from "../signed";

/** A payment link read and checked against the chain: what it asks, who the store is, whether
 * its document, its fields and (if signed) its signature hold, the problems that keep it from
 * being paid, and the call that pays it. Shared by the pay page and the cart. */
export function useLink(param: string | null) {
  const req = param ? decodeRequest(param) : null;
  const store = useLive(
    async (at) => (req ? api.query.StoreOrders.Stores.getValue(req.store, { at }) : undefined),
    [param],
  );
  const sig = req?.signed;
  // The store's signature, checked here before paying (sr25519; the chain checks every scheme).
  const valid = useLive(async () => (req && sig ? verifies(req, sig) : undefined), [param]);
  if (!req) return null;
  const doc = readDoc(req.doc);
  const matches = hashText(req.doc) === req.snapshot;
  const a = asset(req.asset);
  const accepted = store?.assets.some((k) => assetKey(k) === assetKey(req.asset));
  // The link's own fields must say what its document says: an amount changed in the link is
  // not the total of the order the snapshot is the hash of.
  const consistent =
    !!doc &&
    doc.store === req.store &&
    doc.order === req.order &&
    doc.asset === a.symbol &&
    parseUnits(doc.total, a.decimals) === req.amount;
  const now = best.value?.number ?? 0;
  const signerActs = !!sig && !!store && (store.owner === sig.signer || store.payout === sig.signer);
  const problems = [
    !matches && t("pay.mismatch"),
    matches && !consistent && t("pay.inconsistent"),
    store === null && t("pay.noStore"),
    store && !accepted && t("pay.assetRefused", { symbol: a.symbol }),
    sig && valid === false && t("pay.signatureBad"),
    sig && store && !signerActs && t("pay.notSigner"),
    sig && now > sig.validUntil && t("pay.expired", { n: sig.validUntil }),
    sig && chain.value && sig.genesis !== chain.value.genesis && t("pay.otherChain"),
    sig && req.payer && me.value && me.value.address !== req.payer && t("pay.notPayer", { payer: req.payer }),
  ].filter(Boolean) as string[];
  const ready = problems.length === 0 && !!store && (!sig || valid !== undefined);
  const call = () =>
    store && sig
      ? api.tx.StoreOrders.pay_signed_request({
          request: onChain(req, sig) as never,
          signer: sig.signer,
          signature: { type: sig.scheme, value: sig.value } as never,
        })
      : store
      ? api.tx.Escrow.open_settlement({
          store: req.store,
          order_no: bytes(req.order),
          asset: req.asset,
          amount: req.amount,
          payee: MultiAddress.Id(store.payout),
          time_limit: req.timeLimit,
          snapshot: req.snapshot as never,
        })
      : null;
  return { req, store, sig, valid, doc, matches, a, signerActs, problems, ready, call };
}

/** Remembers every settlement `events` opened (or updated) for the signed-in buyer. */
export function rememberOpened(events: TxEventRecord[]) {
  for (const name of ["SettlementOpened", "SettlementUpdated"]) {
    for (const e of events.filter((e) => e.type === "Escrow" && e.value.type === name)) {
      if (me.value) remember(me.value.address, (e.value.value as { id: bigint }).id);
    }
  }
}

export function Pay({ param }: { param: string | null }) {
  const link = useLink(param);
  if (!link) {
    return (
      <Card title={t("pay.title")}>
        <p class="error" role="alert">{t("pay.badLink")}</p>
      </Card>
    );
  }
  const { req, store, sig, valid, doc, matches, a, signerActs, problems, ready } = link;
  return (
    <div class="grid">
      <Card title={t("pay.title")} testid="pay">
        <dl class="facts">
          <dt>{t("pay.store")}</dt>
          <dd data-testid="pay-store">{store ? `${str(store.name)} (#${req.store})` : store === null ? "—" : "…"}</dd>
          <StoreMarketplace store={req.store} />
          <dt>{t("pay.order")}</dt>
          <dd data-testid="pay-order">{req.order}</dd>
          <dt>{t("pay.amount")}</dt>
          <dd data-testid="pay-amount" class="big">
            <Amount value={req.amount} kind={req.asset} />
          </dd>
          <dt>{t("pay.snapshot")}</dt>
          <dd>
            <code class="hash">{req.snapshot}</code>
            <br />
            {matches ? (
              <span class="ok" data-testid="snapshot-ok">✓ {t("pay.matches")}</span>
            ) : (
              <span class="error" data-testid="snapshot-bad">✗ {t("pay.mismatch")}</span>
            )}
          </dd>
        </dl>
        {doc && (
          <table class="items">
            <caption>{t("pay.items")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("item.name")}</th>
                <th scope="col">{t("item.qty")}</th>
                <th scope="col">{t("item.price", { symbol: a.symbol })}</th>
              </tr>
            </thead>
            <tbody>
              {doc.items.map((i) => (
                <tr>
                  <td>{i.name}</td>
                  <td>{i.qty}</td>
                  <td>{i.price}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {sig && (
          <dl class="facts" data-testid="pay-signed">
            <dt>{t("pay.signedBy")}</dt>
            <dd>
              <code class="hash">{sig.signer}</code>
              {store && signerActs && (
                <span class="muted"> ({t(store.owner === sig.signer ? "pay.signerOwner" : "pay.signerPayout")})</span>
              )}
              <br />
              {valid === true && signerActs && <span class="ok" data-testid="signature-ok">✓ {t("pay.signatureOk")}</span>}
              {valid === null && <span class="muted">{t("pay.signatureUnchecked")}</span>}
              <br />
              <span class="muted" data-testid="pay-valid-until">{t("pay.validUntil", { n: sig.validUntil })}</span>
            </dd>
          </dl>
        )}
        <p class="hint">{t(sig ? "pay.explainSigned" : "pay.explain")}</p>
        {problems.map((p) => (
          <p class="error" role="alert">{p}</p>
        ))}
        <TxButton
          kind="primary"
          testid="pay-button"
          label={t("pay.button", { amount: amount(req.amount, req.asset) })}
          disabled={!ready}
          feeAsset={feeAssetOf(req.asset)}
          make={link.call}
          done={(events) => {
            rememberOpened(events);
            go("#/buyer");
          }}
        />{" "}
        <button type="button" data-testid="add-to-cart" disabled={!ready} onClick={() => addToCart(param ?? "")}>
          {t("cart.add")}
        </button>
      </Card>
      <Card title={t("balance.title")}>
        <Balances />
      </Card>
    </div>
  );
}

/** The marketplace the store is in and the commission its new settlements owe, if any: who
 * takes what, before the buyer pays (the buyer's price is the same). */
function StoreMarketplace({ store }: { store: number }) {
  const membership = useStoreMarketplace(store);
  const market = membership?.market ? { name: str(membership.market.name), rate: Math.min(membership.rate, membership.market.rate) } : null;
  if (!market || market.rate === 0) return null;
  return (
    <>
      <dt>{t("pay.marketplace")}</dt>
      <dd data-testid="pay-marketplace">{t("pay.marketplaceTakes", { market: market.name, rate: percent(market.rate) })}</dd>
    </>
  );
}
