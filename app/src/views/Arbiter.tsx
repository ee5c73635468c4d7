// The arbiter's screen (on the development chain: Root, through the sudo key): the disputes
// waiting for a ruling, with their evidence hashes, and the ruling.
import { useState } from "preact/hooks";
import { api, asset, chain, useLive, type AssetKind } from "../chain";
import { me, nameOf } from "../accounts";
import { Amount, Card, Deadline, Field, TxButton } from "../components";
import { parseUnits, short } from "../format";
import { str } from "../order";
import { t } from "../i18n";
import { Evidence } from "./Settlement";

export function Arbiter() {
  const disputes = useLive(async (at) => {
    const all = await api.query.Escrow.Disputes.getEntries({ at });
    const settlements = await Promise.all(all.map(({ keyArgs: [id] }) => api.query.Escrow.Settlements.getValue(id, { at })));
    return all.map(({ keyArgs: [id], value }, i) => ({ id, d: value, s: settlements[i] }));
  }, []);
  const sudo = chain.value?.sudo;
  const isSudo = !!sudo && me.value?.address === sudo;
  return (
    <div class="grid">
      <Card title={t("arb.title")} testid="disputes">
        <p class="hint">{t("arb.explain", { sudo: sudo ? (nameOf(sudo) ?? short(sudo)) : "—" })}</p>
        {!isSudo && <p class="warn">{t("arb.notSudo")}</p>}
        {disputes && disputes.length === 0 && <p class="muted">{t("arb.none")}</p>}
        {disputes?.map(({ id, d, s }) => (
          <article key={String(id)} class="settlement Disputed" data-testid={`dispute-${id}`}>
            <h3>{t("s.title", { id: String(id), order: s ? str(s.order_no) : "?" })}</h3>
            {s && (
              <p>
                {t("arb.held")} <Amount value={s.amount} kind={s.asset as AssetKind} /> · {t("s.orderAmount")}{" "}
                {s.accepted && <Amount value={s.accepted.order_amount} kind={s.asset as AssetKind} />}
              </p>
            )}
            <p>
              {t("d.openedBy", { by: t(`party.${d.opened_by.type}`) })} · {t("arb.reason")} <code class="hash">{d.reason}</code>
            </p>
            <p>
              {t("d.arbiterDue")}: <Deadline block={d.arbiter_due} />
            </p>
            <Evidence list={d.evidence} />
            {s && <Ruling id={id} kind={s.asset as AssetKind} />}
          </article>
        ))}
      </Card>
    </div>
  );
}

function Ruling({ id, kind }: { id: bigint; kind: AssetKind }) {
  const [payout, setPayout] = useState("");
  const parsed = parseUnits(payout, asset(kind).decimals);
  return (
    <div class="actions">
      <Field label={t("arb.payout", { symbol: asset(kind).symbol })} value={payout} onInput={setPayout} inputMode="decimal" testid="ruling-payout" hint={t("arb.payoutHint")} />
      <div class="row">
        <TxButton
          kind="primary"
          testid="rule-split"
          label={t("arb.split")}
          disabled={parsed === null}
          make={() =>
            parsed === null
              ? null
              : api.tx.Sudo.sudo({ call: api.tx.Escrow.resolve_dispute({ id, ruling: { type: "Split", value: { payout: parsed } } }).decodedCall })
          }
        />
        <TxButton
          testid="rule-resume"
          label={t("arb.resume")}
          make={() => api.tx.Sudo.sudo({ call: api.tx.Escrow.resolve_dispute({ id, ruling: { type: "Resume", value: undefined } }).decodedCall })}
        />
      </div>
    </div>
  );
}
