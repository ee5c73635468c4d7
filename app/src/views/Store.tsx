// The store's screen: register a store; create a payment request (link and QR code); the live
// list of its orders by state, with accept, ship, refund, deductions and disputes; its payouts.
import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import QRCode from "qrcode";
import { api, asset, assetFromKey, assetKey, best, chain, useLive, type AssetKind } from "../chain";
import { me } from "../accounts";
import { Amount, AssetSelect, Card, Field, TxButton } from "../components";
import { amount, parseUnits, short, units } from "../format";
import { bytes, docText, encodeRequest, hashText, parseItems, str, type PaymentRequest } from "../order";
import { t } from "../i18n";
import { findEvent } from "../tx";
import { SettlementView, percent, useStoreMarketplace } from "./Settlement";
import { resolvedTimeLimit, sign } from "../signed";

const requestsKey = (store: number) => `escrow:requests:${store}`;
type Saved = Record<string, { amount: string; snapshot: string; asset: string }>;
const savedRequests = (store: number): Saved => JSON.parse(localStorage.getItem(requestsKey(store)) ?? "{}") as Saved;

export function Store() {
  const who = me.value?.address;
  const stores = useLive(
    async (at) => {
      const all = await api.query.StoreOrders.Stores.getEntries({ at });
      return all
        .filter(({ value }) => value.owner === who)
        .map(({ keyArgs: [id], value }) => ({ id, ...value }))
        .sort((a, b) => a.id - b.id);
    },
    [who],
  );
  const [chosen, setChosen] = useState<number | null>(null);
  const current = stores?.find((s) => s.id === chosen) ?? stores?.[0];
  return (
    <div class="grid">
      {stores && stores.length > 1 && (
        <Card title={t("store.choose")}>
          <label>
            <span class="sr">{t("store.choose")}</span>
            <select data-testid="store-select" value={String(current?.id)} onChange={(e) => setChosen(Number((e.target as HTMLSelectElement).value))}>
              {stores.map((s) => (
                <option value={String(s.id)}>
                  {str(s.name)} (#{s.id})
                </option>
              ))}
            </select>
          </label>
        </Card>
      )}
      {current ? (
        <>
          <Request
            store={current.id}
            name={str(current.name)}
            assets={current.assets as AssetKind[]}
            defaultTimeLimit={current.default_time_limit}
          />
          <Orders store={current.id} />
          <Marketplace store={current.id} />
        </>
      ) : (
        stores && <p class="muted">{t("store.none")}</p>
      )}
      <Register onDone={setChosen} />
    </div>
  );
}

function Register({ onDone }: { onDone: (id: number) => void }) {
  const [name, setName] = useState("");
  const [payout, setPayout] = useState("");
  const [limit, setLimit] = useState("");
  const [unit, setUnit] = useState("min");
  const [picked, setPicked] = useState<string[]>(["native"]);
  const c = chain.value;
  const slot = c?.slotMs ?? 6000;
  const unitMs = { min: 60_000, h: 3_600_000, d: 86_400_000 }[unit] ?? 60_000;
  const limitNum = Number(limit);
  const blocks = limit.trim() && limitNum > 0 ? Math.ceil((limitNum * unitMs) / slot) : undefined;
  return (
    <Card title={t("store.register")} testid="register">
      <Field label={t("store.name")} value={name} onInput={setName} testid="store-name" />
      <Field label={t("store.payout")} value={payout} onInput={setPayout} testid="store-payout" hint={t("store.payoutHint")} />
      <div class="inline">
        <Field label={t("store.limit")} value={limit} onInput={setLimit} inputMode="decimal" testid="store-limit" />
        <label class="unit">
          <span class="sr">{t("store.limitUnit")}</span>
          <select value={unit} onChange={(e) => setUnit((e.target as HTMLSelectElement).value)}>
            <option value="min">{t("unit.minutes")}</option>
            <option value="h">{t("unit.hours")}</option>
            <option value="d">{t("unit.days")}</option>
          </select>
        </label>
      </div>
      <p class="hint">
        {t("store.limitHint")}
        {blocks !== undefined && ` ${t("store.limitBlocks", { n: blocks })}`}
      </p>
      <fieldset>
        <legend>{t("store.assets")}</legend>
        {(c?.assets ?? []).map((a) => (
          <label class="check">
            <input
              type="checkbox"
              data-testid={`accept-${a.symbol}`}
              checked={picked.includes(a.key)}
              onChange={(e) =>
                setPicked((e.target as HTMLInputElement).checked ? [...picked, a.key] : picked.filter((k) => k !== a.key))
              }
            />{" "}
            {a.symbol}
          </label>
        ))}
      </fieldset>
      <TxButton
        kind="primary"
        testid="register-button"
        label={t("store.registerButton")}
        disabled={!name.trim()}
        make={() =>
          api.tx.StoreOrders.register_store({
            payout: payout.trim() || me.value!.address,
            name: bytes(name.trim()),
            default_time_limit: blocks,
            assets: picked.map(assetFromKey),
          })
        }
        done={(events) => {
          const e = findEvent(events, "StoreOrders", "StoreRegistered");
          if (e) onDone(e.store as number);
          setName("");
        }}
      />
    </Card>
  );
}

function Request({
  store,
  name,
  assets,
  defaultTimeLimit,
}: {
  store: number;
  name: string;
  assets: AssetKind[];
  defaultTimeLimit: number | undefined;
}) {
  const [order, setOrder] = useState(() => `A-${Date.now().toString(36).toUpperCase()}`);
  const [assetK, setAssetK] = useState(assetKey(assets[0] ?? { type: "Native" }));
  const [items, setItems] = useState("");
  const [signIt, setSignIt] = useState(true);
  const [payer, setPayer] = useState("");
  const [failed, setFailed] = useState<string | null>(null);
  const [made, setMade] = useState<{
    link: string;
    qr: string;
    snapshot: string;
    amount: bigint;
    validUntil?: number;
  } | null>(null);
  useEffect(() => setAssetK(assetKey(assets[0] ?? { type: "Native" })), [store]);
  const a = asset(assetK);
  const parsed = parseItems(items);
  const bad = "badLine" in parsed ? parsed.badLine : null;
  const list = "badLine" in parsed ? [] : parsed;
  const total = list.reduce((sum, i) => sum + (parseUnits(i.price, a.decimals) ?? 0n) * BigInt(i.qty), 0n);
  const create = async () => {
    const doc = docText({ store, order, asset: a.symbol, items: list, total: units(total, a.decimals) });
    const req: PaymentRequest = { store, order, asset: assetFromKey(assetK), amount: total, doc, snapshot: hashText(doc) };
    setFailed(null);
    if (signIt) {
      // A signed request names its time-limit rule: the one the chain resolves for the store.
      const account = me.value;
      if (!account || !best.value) return;
      req.timeLimit = await resolvedTimeLimit(defaultTimeLimit);
      if (payer.trim()) req.payer = payer.trim();
      try {
        req.signed = await sign(req, account, best.value.number);
      } catch (e) {
        setFailed(t("req.signFailed", { e: e instanceof Error ? e.message : String(e) }));
        return;
      }
    }
    const link = `${location.origin}${location.pathname}${location.search}${encodeRequest(req)}`;
    const qr = await QRCode.toString(link, { type: "svg", errorCorrectionLevel: "L", margin: 1 });
    const saved = savedRequests(store);
    saved[order] = { amount: total.toString(), snapshot: req.snapshot, asset: assetK };
    localStorage.setItem(requestsKey(store), JSON.stringify(saved));
    setMade({ link, qr, snapshot: req.snapshot, amount: total, validUntil: req.signed?.validUntil });
  };
  return (
    <Card title={t("req.title", { name })} testid="request">
      <Field label={t("req.order")} value={order} onInput={setOrder} testid="req-order" />
      <AssetSelect value={assetK} onChange={setAssetK} only={assets.map(assetKey)} testid="req-asset" />
      <Field label={t("req.items")} value={items} onInput={setItems} multiline testid="req-items" hint={t("req.itemsHint")} />
      {bad !== null && <p class="error" role="alert">{t("req.badLine", { n: bad })}</p>}
      <p>
        {t("req.total")}: <strong data-testid="req-total">{amount(total, a.kind)}</strong>
      </p>
      <label class="check">
        <input type="checkbox" checked={signIt} data-testid="req-sign" onChange={(e) => setSignIt((e.target as HTMLInputElement).checked)} />
        {t("req.sign")}
      </label>
      {signIt && <Field label={t("req.payer")} value={payer} onInput={setPayer} testid="req-payer" hint={t("req.payerHint")} />}
      {failed && <p class="error" role="alert">{failed}</p>}
      <button type="button" class="primary" data-testid="req-create" disabled={!order.trim() || !list.length || bad !== null || total === 0n} onClick={create}>
        {t("req.create")}
      </button>
      {made && (
        <div class="made" data-testid="req-made">
          <div class="qr" role="img" aria-label={t("req.qr")} dangerouslySetInnerHTML={{ __html: made.qr }} />
          <div>
            <label for="req-link">{t("req.link")}</label>
            <input id="req-link" readOnly value={made.link} data-testid="req-link" onFocus={(e) => (e.target as HTMLInputElement).select()} />
            <button type="button" onClick={() => navigator.clipboard?.writeText(made.link)}>
              {t("req.copy")}
            </button>
            <p class="hint">
              {t("req.snapshot")}: <code class="hash">{made.snapshot}</code>
            </p>
            {made.validUntil !== undefined && (
              <p class="ok" data-testid="req-signed">
                ✓ {t("req.signed", { who: me.value?.name ?? "", n: made.validUntil })}
              </p>
            )}
          </div>
        </div>
      )}
    </Card>
  );
}

/** The store's orders by state; "closed" is cancelled or refunded. */
const ORDER_GROUPS = ["Paid", "Shipped", "AfterSales", "Disputed", "Completed", "closed"] as const;

type OpenSettlement = Awaited<ReturnType<typeof api.apis.EscrowApi.store_settlements>>[number][1];

function Group({ name, count, children }: { name: string; count: number; children: ComponentChildren }) {
  return (
    <section class="group" data-testid={`group-${name}`}>
      <h3>
        {t(`group.${name}`)} <span class="count">{count}</span>
      </h3>
      {children}
    </section>
  );
}

/** A settlement that pays an order of this store and waits for the store to accept it. */
function Waiting({ store, id, s, request }: { store: number; id: bigint; s: OpenSettlement; request?: Saved[string] }) {
  const no = str(s.order_no);
  const kind = s.asset as AssetKind;
  // The store's own amount for the order, if this browser made its payment request.
  const orderAmount = request ? BigInt(request.amount) : s.amount;
  const snapshotOk = request ? request.snapshot === s.snapshot : null;
  return (
    <article class="settlement" data-testid={`waiting-${no}`}>
      <h4>{t("s.title", { id: String(id), order: no })}</h4>
      <p>
        {t("orders.held", { amount: amount(s.amount, kind), buyer: short(s.buyer) })}{" "}
        {snapshotOk === true && <span class="ok">✓ {t("orders.snapshotOk")}</span>}
        {snapshotOk === false && <span class="error">✗ {t("orders.snapshotBad")}</span>}
      </p>
      <TxButton
        kind="primary"
        testid="accept"
        label={t("a.accept", { amount: amount(orderAmount, kind) })}
        make={() =>
          // The terms shown here are the ones accepted: a re-opening in between fails it.
          api.tx.StoreOrders.accept_payment({
            store,
            order_no: s.order_no,
            settlement: id,
            order_amount: orderAmount,
            snapshot: s.snapshot,
            time_limit: s.time_limit,
          })
        }
      />
    </article>
  );
}

function Orders({ store }: { store: number }) {
  const data = useLive(
    async (at) => {
      const [open, orders] = await Promise.all([
        api.apis.EscrowApi.store_settlements(store, undefined, 100, { at }),
        api.query.StoreOrders.Orders.getEntries(store, { at }),
      ]);
      const settlements = await Promise.all(orders.map(({ value }) => api.query.Escrow.Settlements.getValue(value.settlement, { at })));
      return {
        waiting: open.filter(([, s]) => s.status.type === "AwaitingAcceptance"),
        orders: orders.map(({ keyArgs: [, no], value }, i) => ({ no: str(no), order: value, s: settlements[i] })),
      };
    },
    [store],
  );
  const saved = savedRequests(store);
  const by = (g: string) =>
    (data?.orders ?? []).filter(({ order }) =>
      g === "closed" ? ["Cancelled", "Refunded"].includes(order.status.type) : order.status.type === g,
    );
  const payouts = new Map<string, bigint>();
  for (const { order } of by("Completed")) {
    const k = assetKey(order.asset as AssetKind);
    payouts.set(k, (payouts.get(k) ?? 0n) + (order.paid ?? 0n));
  }
  return (
    <>
      <Card title={t("orders.title")} testid="orders">
        <Group name="waiting" count={data?.waiting.length ?? 0}>
          {data?.waiting.map(([id, s]) => (
            <Waiting key={String(id)} store={store} id={id} s={s} request={saved[str(s.order_no)]} />
          ))}
        </Group>
        {ORDER_GROUPS.map((g) => (
          <Group key={g} name={g} count={by(g).length}>
            {by(g).map(({ no, order, s }) => (
              <div key={no} class="order" data-testid={`order-${no}`} data-status={order.status.type}>
                {s ? <SettlementView id={order.settlement} s={s} side="store" /> : <p>{t("s.title", { id: String(order.settlement), order: no })}</p>}
                {order.logistics && <p class="muted">{t("orders.logistics", { ref: str(order.logistics) })}</p>}
                {order.status.type === "Paid" && <Ship store={store} no={no} />}
              </div>
            ))}
          </Group>
        ))}
      </Card>
      <Card title={t("payouts.title")} testid="payouts">
        {payouts.size === 0 && <p class="muted">{t("payouts.none")}</p>}
        <ul>
          {[...payouts.entries()].map(([k, v]) => (
            <li data-testid={`payout-${asset(k).symbol}`}>
              <Amount value={v} kind={assetFromKey(k)} />
            </li>
          ))}
        </ul>
      </Card>
    </>
  );
}

function Ship({ store, no }: { store: number; no: string }) {
  const [ref, setRef] = useState("");
  return (
    <div class="ship">
      <Field label={t("ship.ref")} value={ref} onInput={setRef} testid="ship-ref" hint={t("ship.hint")} />
      <TxButton
        kind="primary"
        testid="ship"
        label={t("a.ship")}
        disabled={!ref.trim()}
        make={() => api.tx.StoreOrders.mark_shipped({ store, order_no: bytes(no), logistics: bytes(ref.trim()) })}
      />
    </div>
  );
}

/** The store's marketplace: the one it is in and the rate it accepted (and a higher one the
 * marketplace offers since, to accept or not), or a marketplace to join at the rate it shows. */
function Marketplace({ store }: { store: number }) {
  const [wanted, setWanted] = useState("");
  const membership = useStoreMarketplace(store);
  const id = /^\d+$/.test(wanted.trim()) ? Number(wanted.trim()) : undefined;
  const offer = useLive(
    async (at) => (id === undefined ? undefined : (await api.query.StoreOrders.Marketplaces.getValue(id, { at })) ?? null),
    [id],
  );
  const join = (marketplace: number, rate: number) => () =>
    api.tx.StoreOrders.join_marketplace({ store, marketplace, rate });
  return (
    <Card title={t("market.title")} testid="marketplace">
      {membership?.market ? (
        <p data-testid="market-current">
          {t("market.in", { market: str(membership.market.name), rate: percent(Math.min(membership.rate, membership.market.rate)) })}
        </p>
      ) : (
        <p class="muted">{t("market.none")}</p>
      )}
      {membership?.market && membership.market.rate > membership.rate && (
        <p>
          {t("market.higher", { rate: percent(membership.market.rate) })}{" "}
          <TxButton testid="market-accept" label={t("market.accept", { rate: percent(membership.market.rate) })} make={join(membership.marketplace, membership.market.rate)} />
        </p>
      )}
      {membership && (
        <TxButton testid="market-leave" label={t("market.leave")} make={() => api.tx.StoreOrders.leave_marketplace({ store })} />
      )}
      <Field label={t("market.id")} value={wanted} onInput={setWanted} inputMode="numeric" testid="market-id" />
      {offer === null && <p class="error" role="alert">{t("market.unknown")}</p>}
      {offer && id !== undefined && (
        <p data-testid="market-offer">
          {t("market.offer", { market: str(offer.name), rate: percent(offer.rate) })}{" "}
          <TxButton kind="primary" testid="market-join" label={t("market.join", { rate: percent(offer.rate) })} make={join(id, offer.rate)} />
        </p>
      )}
    </Card>
  );
}
