// Hash routes: #/, #/buyer, #/store, #/arbiter, #/pay?r=<payment request>.
import { signal } from "@preact/signals";

export interface Route {
  page: string;
  params: URLSearchParams;
}

function parse(): Route {
  const hash = location.hash.replace(/^#\/?/, "");
  const [page = "", query = ""] = hash.split("?");
  return { page, params: new URLSearchParams(query) };
}

export const route = signal<Route>(parse());
addEventListener("hashchange", () => (route.value = parse()));
export const go = (hash: string) => (location.hash = hash);
