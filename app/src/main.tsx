// escrow-chain's web app: the buyer's and the store's screens, and the arbiter's on a
// development chain. Routes by the URL's hash; the chain through polkadot-api.
import { render } from "preact";
import { effect } from "@preact/signals";
import { chain, connect, connection } from "./chain";
import { loadDevAccounts } from "./accounts";
import { Header, TxPanel } from "./components";
import { t } from "./i18n";
import { route } from "./route";
import { Home } from "./views/Home";
import { Buyer } from "./views/Buyer";
import { Store } from "./views/Store";
import { Pay } from "./views/Pay";
import { Cart } from "./views/Cart";
import { Arbiter } from "./views/Arbiter";
import "./style.css";

function Page() {
  if (!chain.value) {
    return <p class="loading" role="status">{connection.value === "error" ? t("chain.error") : t("chain.connecting")}</p>;
  }
  switch (route.value.page) {
    case "buyer":
      return <Buyer />;
    case "store":
      return <Store />;
    case "arbiter":
      return <Arbiter />;
    case "pay":
      return <Pay param={route.value.params.get("r")} />;
    case "cart":
      return <Cart />;
    default:
      return <Home />;
  }
}

function App() {
  return (
    <>
      <Header />
      <main>
        <h1 class="sr">{t(`title.${route.value.page || "home"}`)}</h1>
        <Page />
      </main>
      <TxPanel />
    </>
  );
}

effect(() => {
  const c = chain.value;
  if (c?.dev) loadDevAccounts(c.ss58);
});
connect();
render(<App />, document.getElementById("app")!);
performance.mark("escrow:first-render");
