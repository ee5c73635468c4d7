// The buyer's screen: settlements with their deadlines and the calls open to the buyer,
// receipts (payment records), and funding offers and links to accept or remove.
import { api, useLive, type AssetKind } from "../chain";
import { me } from "../accounts";
import { Amount, Balances, Card, TxButton } from "../components";
import { short } from "../format";
import { str } from "../order";
import { t } from "../i18n";
import { SettlementView } from "./Settlement";
import { MultiAddress } from "../../.papi/descriptors/dist/index.js";

const key = (who: string) => `escrow:settlements:${who}`;

/**
 * Closed settlements are not indexed by buyer on chain (open ones are: `buyer_settlements`).
 * The list shows the closed ones this browser opened, and the buyer's among the chain's latest
 * `RECENT`, until the chain prunes them after its retention period.
 */
const RECENT = 64n;

/** Remembers a settlement this browser opened for `who`. */
export function remember(who: string, id: bigint) {
  const ids = new Set(JSON.parse(localStorage.getItem(key(who)) ?? "[]") as string[]);
  ids.add(String(id));
  localStorage.setItem(key(who), JSON.stringify([...ids]));
}
const remembered = (who: string) => (JSON.parse(localStorage.getItem(key(who)) ?? "[]") as string[]).map(BigInt);

export function Buyer() {
  const who = me.value?.address;
  const data = useLive(
    async (at) => {
      if (!who) return null;
      const open = await api.apis.EscrowApi.buyer_settlements(who, undefined, 100, { at });
      const known = new Map(open.map(([id, s]) => [id, s]));
      const next = await api.query.Escrow.NextSettlementId.getValue({ at });
      const recent = Array.from({ length: Number(next < RECENT ? next : RECENT) }, (_, i) => next - 1n - BigInt(i));
      const others = [...new Set([...remembered(who), ...recent])].filter((id) => !known.has(id));
      const closed = await api.query.Escrow.Settlements.getValues(others.map((id) => [id] as [bigint]), { at });
      others.forEach((id, i) => {
        const s = closed[i];
        if (s && s.buyer === who) known.set(id, s);
      });
      const list = [...known.entries()].sort((a, b) => Number(b[0] - a[0]));
      const storeIds = [...new Set(list.map(([, s]) => s.store))];
      const stores = await Promise.all(storeIds.map((s) => api.query.StoreOrders.Stores.getValue(s, { at })));
      const names = new Map(storeIds.map((id, i) => [id, stores[i] ? str(stores[i]!.name) : `#${id}`]));
      const [topUps, credits, links, lines] = await Promise.all([
        api.query.Funding.TopUpOffers.getEntries(who, { at }),
        api.query.Funding.CreditOffers.getEntries(who, { at }),
        api.query.Funding.Allowances.getEntries(who, { at }),
        api.query.Funding.CreditLines.getEntries(who, { at }),
      ]);
      return { list, names, topUps, credits, links, lines };
    },
    [who],
  );
  if (!who) return <p>{t("account.none")}</p>;
  const list = data?.list ?? [];
  const open = list.filter(([, s]) => !["Completed", "Cancelled", "Refunded"].includes(s.status.type));
  const closed = list.filter(([, s]) => ["Completed", "Cancelled", "Refunded"].includes(s.status.type));
  return (
    <div class="grid">
      <Card title={t("buyer.open")} testid="buyer-open">
        {data && open.length === 0 && <p class="muted">{t("buyer.none")}</p>}
        {open.map(([id, s]) => (
          <SettlementView key={String(id)} id={id} s={s} side="buyer" storeName={data?.names.get(s.store)} />
        ))}
      </Card>
      <Card title={t("balance.title")}>
        <Balances />
      </Card>
      <Card title={t("buyer.closed")} testid="buyer-closed">
        {data && closed.length === 0 && <p class="muted">{t("buyer.noneClosed")}</p>}
        {closed.map(([id, s]) => (
          <SettlementView key={String(id)} id={id} s={s} side="buyer" storeName={data?.names.get(s.store)} />
        ))}
      </Card>
      <Card title={t("funding.title")} testid="funding">
        <p class="hint">{t("funding.explain")}</p>
        {data && !data.topUps.length && !data.credits.length && !data.links.length && !data.lines.length && (
          <p class="muted">{t("funding.none")}</p>
        )}
        <ul class="links">
          {data?.topUps.map(({ keyArgs: [, from], value }) => (
            <li>
              {t("funding.topUpOffer", { from: short(from) })} <Amount value={value.limit} kind={value.asset as AssetKind} />{" "}
              <TxButton testid="accept-top-up" label={t("funding.accept")} make={() => api.tx.Funding.accept_top_up({ linked: MultiAddress.Id(from), asset: value.asset, limit: value.limit })} />
              <TxButton label={t("funding.decline")} make={() => api.tx.Funding.decline_offer({ creator: MultiAddress.Id(from), kind: { type: "Linked", value: undefined } })} />
            </li>
          ))}
          {data?.credits.map(({ keyArgs: [, from], value }) => (
            <li>
              {t("funding.creditOffer", { from: short(from) })} <Amount value={value.limit} kind={value.asset as AssetKind} />{" "}
              <TxButton testid="accept-credit" label={t("funding.accept")} make={() => api.tx.Funding.accept_credit_line({ lender: MultiAddress.Id(from), asset: value.asset, limit: value.limit })} />
              <TxButton label={t("funding.decline")} make={() => api.tx.Funding.decline_offer({ creator: MultiAddress.Id(from), kind: { type: "Credit", value: undefined } })} />
            </li>
          ))}
          {data?.links.map(({ keyArgs: [, from], value }) => (
            <li>
              {t("funding.link", { from: short(from) })} <Amount value={value.limit} kind={value.asset as AssetKind} />{" "}
              <TxButton label={t("funding.remove")} make={() => api.tx.Funding.remove_link({ creator: MultiAddress.Id(from), kind: { type: "Linked", value: undefined } })} />
            </li>
          ))}
          {data?.lines.map(({ keyArgs: [, from], value }) => (
            <li>
              {t("funding.line", { from: short(from) })} <Amount value={value.limit} kind={value.asset as AssetKind} /> ·{" "}
              {t("funding.debt")} <Amount value={value.debt} kind={value.asset as AssetKind} />{" "}
              <TxButton label={t("funding.remove")} make={() => api.tx.Funding.remove_link({ creator: MultiAddress.Id(from), kind: { type: "Credit", value: undefined } })} />
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
