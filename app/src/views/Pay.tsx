// The buyer opens a payment link: the store, the order and its amount, the check that the
// order document matches its snapshot hash, and the payment, held in the buyer's own account.
import { api, asset, assetKey, useLive } from "../chain";
import { me } from "../accounts";
import { Amount, Balances, Card, feeAssetOf, TxButton } from "../components";
import { amount, parseUnits } from "../format";
import { bytes, decodeRequest, hashText, readDoc, str } from "../order";
import { t } from "../i18n";
import { go } from "../route";
import { findEvent } from "../tx";
import { remember } from "./Buyer";
import { MultiAddress } from "../../.papi/descriptors/dist/index.js";

export function Pay({ param }: { param: string | null }) {
  const req = param ? decodeRequest(param) : null;
  const store = useLive(
    async (at) => (req ? api.query.StoreOrders.Stores.getValue(req.store, { at }) : undefined),
    [param],
  );
  if (!req) {
    return (
      <Card title={t("pay.title")}>
        <p class="error" role="alert">{t("pay.badLink")}</p>
      </Card>
    );
  }
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
  const problems = [
    !matches && t("pay.mismatch"),
    matches && !consistent && t("pay.inconsistent"),
    store === null && t("pay.noStore"),
    store && !accepted && t("pay.assetRefused", { symbol: a.symbol }),
  ].filter(Boolean) as string[];
  return (
    <div class="grid">
      <Card title={t("pay.title")} testid="pay">
        <dl class="facts">
          <dt>{t("pay.store")}</dt>
          <dd data-testid="pay-store">{store ? `${str(store.name)} (#${req.store})` : store === null ? "—" : "…"}</dd>
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
        <p class="hint">{t("pay.explain")}</p>
        {problems.map((p) => (
          <p class="error" role="alert">{p}</p>
        ))}
        <TxButton
          kind="primary"
          testid="pay-button"
          label={t("pay.button", { amount: amount(req.amount, req.asset) })}
          disabled={problems.length > 0 || !store}
          feeAsset={feeAssetOf(req.asset)}
          make={() =>
            store
              ? api.tx.Escrow.open_settlement({
                  store: req.store,
                  order_no: bytes(req.order),
                  asset: req.asset,
                  amount: req.amount,
                  payee: MultiAddress.Id(store.payout),
                  time_limit: req.timeLimit,
                  snapshot: req.snapshot as never,
                })
              : null
          }
          done={(events) => {
            const opened = findEvent(events, "Escrow", "SettlementOpened") ?? findEvent(events, "Escrow", "SettlementUpdated");
            if (opened && me.value) remember(me.value.address, opened.id as bigint);
            go("#/buyer");
          }}
        />
      </Card>
      <Card title={t("balance.title")}>
        <Balances />
      </Card>
    </div>
  );
}
