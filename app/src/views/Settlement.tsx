// One settlement as its buyer or its store sees it: amount, state, deadline, proposal, dispute,
// payment record, and the calls that side may make now.
import { useState } from "preact/hooks";
import { api, asset, timeOfBlock, useLive, type AssetKind } from "../chain";
import { Amount, Deadline, Field, TxButton, feeAssetOf } from "../components";
import { amount, date, parseUnits, short } from "../format";
import { bytes, hashText, str } from "../order";
import { nameOf } from "../accounts";
import { t } from "../i18n";

export type Side = "buyer" | "store";

type Settlement = NonNullable<Awaited<ReturnType<typeof api.query.Escrow.Settlements.getValue>>>;
type Record = NonNullable<Awaited<ReturnType<typeof api.query.Escrow.PaymentRecords.getValue>>>;

export function SettlementView({ id, s, side, storeName }: { id: bigint; s: Settlement; side: Side; storeName?: string }) {
  const kind = s.asset as AssetKind;
  const status = s.status.type;
  const details = useLive(
    async (at) => {
      const [record, dispute, request] = await Promise.all([
        s.record !== undefined ? api.query.Escrow.PaymentRecords.getValue(s.record, { at }) : undefined,
        status === "Disputed" ? api.query.Escrow.Disputes.getValue(id, { at }) : undefined,
        status === "RefundRequested" ? api.query.Escrow.RefundRequests.getValue(id, { at }) : undefined,
      ]);
      return { record, dispute, request };
    },
    [id, s.record, status],
  );
  const owed = s.agreed_payout ?? s.accepted?.order_amount ?? s.amount;
  const other = side === "buyer" ? "Payee" : "Buyer";
  return (
    <article class={`settlement ${status}`} data-testid={`settlement-${id}`} data-order={str(s.order_no)} data-status={status}>
      <header>
        <h3>
          {t("s.title", { id: String(id), order: str(s.order_no) })}
          {storeName && <span class="muted"> · {storeName}</span>}
        </h3>
        <span class={`badge ${status}`} data-testid="status">
          {t(`status.${status}`)}
        </span>
      </header>
      <dl class="facts">
        {/* Once closed nothing is held: the amount is what the settlement held. */}
        <dt>{t(s.closed_at === undefined ? "s.held" : "s.amount")}</dt>
        <dd>
          <Amount value={s.amount} kind={kind} />
        </dd>
        {s.accepted && (
          <>
            <dt>{t("s.orderAmount")}</dt>
            <dd>
              <Amount value={s.accepted.order_amount} kind={kind} />
            </dd>
          </>
        )}
        {s.commission && <CommissionFacts c={s.commission} />}
        {s.agreed_payout !== undefined && (
          <>
            <dt>{t("s.agreed")}</dt>
            <dd data-testid="agreed">
              <Amount value={s.agreed_payout} kind={kind} />
            </dd>
          </>
        )}
        {s.proposal && (
          <>
            <dt>{t("s.proposal")}</dt>
            <dd data-testid="proposal">
              {t("s.proposalBy", { amount: amount(s.proposal.payout, kind), by: t(`party.${s.proposal.by.type}`) })}
            </dd>
          </>
        )}
        {side === "store" && (
          <>
            <dt>{t("s.buyer")}</dt>
            <dd>{nameOf(s.buyer) ?? short(s.buyer)}</dd>
          </>
        )}
        {s.deadline !== undefined && status === "Shipped" && (
          <>
            <dt>{t("s.deadline")}</dt>
            <dd data-testid="deadline">
              <Deadline block={s.deadline} />
            </dd>
          </>
        )}
        {status === "Shipped" && (
          <>
            <dt>{t("s.extensions")}</dt>
            <dd>{s.extensions}</dd>
          </>
        )}
        {s.closed_at !== undefined && (
          <>
            <dt>{t("s.closed")}</dt>
            <dd>{date(timeOfBlock(s.closed_at) ?? 0)}</dd>
          </>
        )}
      </dl>
      {details?.dispute && (
        <div class="dispute" data-testid="dispute">
          <p>
            {t("d.openedBy", { by: t(`party.${details.dispute.opened_by.type}`) })} ·{" "}
            {t("d.arbiterDue")}: <Deadline block={details.dispute.arbiter_due} />
          </p>
          {details.dispute.proposal && (
            <p data-testid="split-proposal">
              {t("d.split", {
                amount: amount(details.dispute.proposal.payout, kind),
                by: t(`party.${details.dispute.proposal.by.type}`),
              })}
            </p>
          )}
          <Evidence list={details.dispute.evidence} />
        </div>
      )}
      {details?.request && <RequestView r={details.request} kind={kind} />}
      {details?.record && <Receipt id={s.record!} r={details.record} />}
      {details?.request ? (
        <AfterSalesActions id={id} s={s} side={side} r={details.request} />
      ) : (
        <Actions id={id} s={s} side={side} owed={owed} other={other} dispute={details?.dispute ?? undefined} />
      )}
    </article>
  );
}

export function Evidence({ list }: { list: Array<[{ type: string }, string]> }) {
  if (!list.length) return null;
  return (
    <ul class="evidence" aria-label={t("d.evidence")}>
      {list.map(([by, h]) => (
        <li>
          {t(`party.${by.type}`)}: <code class="hash">{h}</code>
        </li>
      ))}
    </ul>
  );
}

export function Receipt({ id, r }: { id: bigint; r: Record }) {
  const kind = r.asset as AssetKind;
  const market = useMarketName(r.commission?.marketplace);
  const cut = r.commission?.amount ?? 0n;
  return (
    <div class="receipt" data-testid="receipt">
      <strong>{t("r.title", { id: String(id) })}</strong>{" "}
      {t("r.paid", { amount: amount(r.amount, kind), payee: nameOf(r.payee) ?? short(r.payee) })} ·{" "}
      {r.commission && (
        <span data-testid="receipt-commission">
          {t("r.commission", { commission: amount(cut, kind), market, received: amount(r.amount - cut, kind) })} ·{" "}
        </span>
      )}
      {t(`trigger.${r.trigger.type}`)} · {date(timeOfBlock(r.at) ?? 0)}
    </div>
  );
}

/** A rate in basis points as a percentage: 250 is "2.5%". */
export function percent(basisPoints: number): string {
  return `${basisPoints / 100}%`;
}

/** The name of marketplace `id`, or its number until it is read (or if it closed). */
export function useMarketName(id: number | undefined): string {
  const market = useLive(
    async (at) => (id === undefined ? undefined : api.query.StoreOrders.Marketplaces.getValue(id, { at })),
    [id],
  );
  return market ? str(market.name) : `#${id ?? ""}`;
}

/** The marketplace `store` is in: its id, the rate the store accepted, and the marketplace
 * (`undefined` if it closed); `null` outside any. The rate its new settlements owe is the lower
 * of the two rates. */
export function useStoreMarketplace(store: number) {
  return useLive(async (at) => {
    const m = await api.query.StoreOrders.MarketplaceOfStore.getValue(store, { at });
    if (!m) return null;
    const market = await api.query.StoreOrders.Marketplaces.getValue(m.marketplace, { at });
    return { ...m, market };
  }, [store]);
}

/** What the settlement's store pays its marketplace: shown to both sides. */
function CommissionFacts({ c }: { c: NonNullable<Settlement["commission"]> }) {
  const market = useMarketName(c.marketplace);
  return (
    <>
      <dt>{t("s.commission")}</dt>
      <dd data-testid="commission">{t("s.commissionOf", { rate: percent(c.rate), market })}</dd>
    </>
  );
}

function Actions(props: {
  id: bigint;
  s: Settlement;
  side: Side;
  owed: bigint;
  other: string;
  dispute?: { proposal?: { payout: bigint; by: { type: string } } };
}) {
  const { id, s, side } = props;
  const kind = s.asset as AssetKind;
  const fee = feeAssetOf(kind);
  const status = s.status.type;
  const [payout, setPayout] = useState("");
  const [refund, setRefund] = useState("");
  const [note, setNote] = useState("");
  if (status === "Completed" || status === "Cancelled" || status === "Refunded") return null;
  const decimals = asset(kind).decimals;
  const symbol = asset(kind).symbol;
  const refundParsed = parseUnits(refund, decimals);
  const parsed = parseUnits(payout, decimals);
  const accepted = status !== "AwaitingAcceptance";
  const buttons = [];
  if (side === "buyer") {
    if (status === "Shipped")
      buttons.push(
        <TxButton
          kind="primary"
          testid="confirm"
          label={t("a.confirm", { amount: amount(props.owed, kind) })}
          feeAsset={fee}
          make={() => api.tx.Escrow.confirm_receipt({ id, amount: props.owed })}
        />,
        <TxButton testid="extend" label={t("a.extend")} feeAsset={fee} make={() => api.tx.Escrow.extend_deadline({ id })} />,
      );
    if (status === "AwaitingAcceptance" || status === "Accepted")
      buttons.push(<TxButton testid="cancel" label={t("a.cancel")} feeAsset={fee} make={() => api.tx.Escrow.cancel({ id })} />);
  } else {
    buttons.push(
      <TxButton testid="refund" kind="danger" label={t("a.refund")} feeAsset={fee} make={() => api.tx.Escrow.refund({ id })} />,
    );
  }
  if (s.proposal && s.proposal.by.type === props.other && status !== "Disputed")
    buttons.push(
      <TxButton
        testid="accept-deduction"
        label={t("a.acceptDeduction", { amount: amount(s.proposal.payout, kind) })}
        feeAsset={fee}
        make={() => api.tx.Escrow.accept_deduction({ id, payout: s.proposal!.payout })}
      />,
    );
  const split = props.dispute?.proposal;
  if (status === "Disputed" && split && split.by.type === props.other)
    buttons.push(
      <TxButton
        testid="accept-split"
        label={t("a.acceptSplit", { amount: amount(split.payout, kind) })}
        feeAsset={fee}
        make={() => api.tx.Escrow.accept_split({ id, payout: split.payout })}
      />,
    );
  return (
    <div class="actions">
      <div class="row">{buttons}</div>
      {accepted && (
        <details>
          <summary>{status === "Disputed" ? t("a.disputeTools") : t("a.more")}</summary>
          <Field label={t("a.payout", { symbol })} value={payout} onInput={setPayout} inputMode="decimal" testid="payout" hint={t("a.payoutHint")} />
          <div class="row">
            {status === "Disputed" ? (
              <TxButton testid="propose-split" label={t("a.proposeSplit")} feeAsset={fee} disabled={parsed === null} make={() => (parsed === null ? null : api.tx.Escrow.propose_split({ id, payout: parsed }))} />
            ) : (
              <TxButton testid="propose-deduction" label={t("a.proposeDeduction")} feeAsset={fee} disabled={parsed === null} make={() => (parsed === null ? null : api.tx.Escrow.propose_deduction({ id, payout: parsed }))} />
            )}
          </div>
          {status !== "Disputed" && (
            <>
              <Field label={t("a.refundAmount", { symbol })} value={refund} onInput={setRefund} inputMode="decimal" testid="refund-amount" hint={t(side === "buyer" ? "a.refundHintBuyer" : "a.refundHintStore")} />
              {side === "store" && (
                <div class="row">
                  <TxButton testid="partial-refund" label={t("a.partialRefund")} feeAsset={fee} disabled={refundParsed === null} make={() => (refundParsed === null ? null : api.tx.Escrow.partial_refund({ id, amount: refundParsed }))} />
                </div>
              )}
            </>
          )}
          <Field label={t("a.note")} value={note} onInput={setNote} testid="note" hint={t("a.noteHint")} />
          <div class="row">
            {status === "Disputed" ? (
              <TxButton testid="evidence" label={t("a.evidence")} feeAsset={fee} disabled={!note} make={() => api.tx.Escrow.add_evidence({ id, evidence: hashText(note) as never })} />
            ) : (
              <>
                {side === "buyer" && (
                  <TxButton testid="request-refund" label={t("a.requestRefund")} feeAsset={fee} disabled={refundParsed === null || !note} make={() => (refundParsed === null ? null : api.tx.Escrow.request_refund({ id, amount: refundParsed, reason: hashText(note) as never }))} />
                )}
                <TxButton testid="dispute" kind="danger" label={t("a.dispute")} feeAsset={fee} disabled={!note} make={() => api.tx.Escrow.open_dispute({ id, reason: hashText(note) as never })} />
              </>
            )}
          </div>
        </details>
      )}
    </div>
  );
}

type Request = NonNullable<Awaited<ReturnType<typeof api.query.Escrow.RefundRequests.getValue>>>;

/** An open refund request: how much, where it stands, and until when. */
function RequestView({ r, kind }: { r: Request; kind: AssetKind }) {
  return (
    <div class="dispute" data-testid="refund-request" data-stage={r.stage.type}>
      <p>
        {t("rr.asked", { amount: amount(r.amount, kind) })} · <strong>{t(`rr.stage.${r.stage.type}`)}</strong>
      </p>
      <p>
        {t(`rr.due.${r.stage.type}`)}: <Deadline block={r.due} />
      </p>
      {r.logistics && <p class="muted">{t("rr.logistics", { ref: str(r.logistics) })}</p>}
    </div>
  );
}

/** The calls open to each side while a refund request is open. */
function AfterSalesActions({ id, s, side, r }: { id: bigint; s: Settlement; side: Side; r: Request }) {
  const kind = s.asset as AssetKind;
  const fee = feeAssetOf(kind);
  const [ref, setRef] = useState("");
  const stage = r.stage.type;
  const asked = amount(r.amount, kind);
  if (side === "buyer") {
    if (stage !== "AwaitingReturn") return <p class="hint">{t("rr.waitStore")}</p>;
    return (
      <div class="actions">
        <Field label={t("rr.returnRef")} value={ref} onInput={setRef} testid="return-ref" hint={t("ship.hint")} />
        <TxButton kind="primary" testid="mark-returned" label={t("a.markReturned")} feeAsset={fee} disabled={!ref.trim()} make={() => api.tx.Escrow.mark_returned({ id, logistics: bytes(ref.trim()) })} />
      </div>
    );
  }
  return (
    <div class="actions">
      <div class="row">
        {stage === "Requested" && (
          <>
            <TxButton kind="primary" testid="grant-refund" label={t("a.grant", { amount: asked })} feeAsset={fee} make={() => api.tx.Escrow.grant_refund({ id, amount: r.amount })} />
            {/* Goods go back only once they were shipped. */}
            {r.resumes_as.type === "Shipped" && (
              <TxButton testid="grant-return" label={t("a.grantReturn")} feeAsset={fee} make={() => api.tx.Escrow.grant_refund_with_return({ id, amount: r.amount })} />
            )}
          </>
        )}
        {stage !== "Requested" && (
          <TxButton kind="primary" testid="confirm-return" label={t("a.confirmReturn", { amount: asked })} feeAsset={fee} make={() => api.tx.Escrow.confirm_return({ id })} />
        )}
        {stage !== "AwaitingReturn" && (
          <TxButton kind="danger" testid="refuse-refund" label={t("a.refuse")} feeAsset={fee} make={() => api.tx.Escrow.refuse_refund({ id })} />
        )}
      </div>
      <p class="hint">{t(`rr.storeHint.${stage}`)}</p>
    </div>
  );
}
