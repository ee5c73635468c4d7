// The first screen: what the app does and where each person starts.
import { chain } from "../chain";
import { Balances, Card } from "../components";
import { t } from "../i18n";

export function Home() {
  return (
    <div class="grid">
      <Card title={t("home.title")} testid="home">
        <p>{t("home.intro")}</p>
        <ol class="steps">
          <li>{t("home.step1")}</li>
          <li>{t("home.step2")}</li>
          <li>{t("home.step3")}</li>
          <li>{t("home.step4")}</li>
        </ol>
        <p class="row">
          <a class="button primary" href="#/buyer">{t("nav.buyer")}</a>
          <a class="button" href="#/store">{t("nav.store")}</a>
        </p>
        {chain.value?.dev && <p class="hint">{t("home.dev")}</p>}
      </Card>
      <Card title={t("balance.title")}>
        <Balances />
      </Card>
    </div>
  );
}
