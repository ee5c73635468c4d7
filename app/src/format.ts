// Amounts in an asset's units and symbol, and times as dates and countdowns.
import { asset, type AssetKind } from "./chain";
import { lang, t } from "./i18n";

/** `planck` in the asset's units, e.g. 12.5 eUSD; trailing zeros dropped. */
export function amount(planck: bigint, kind: AssetKind | string): string {
  const a = asset(kind);
  return `${units(planck, a.decimals)} ${a.symbol}`;
}

export function units(planck: bigint, decimals: number): string {
  const negative = planck < 0n;
  const abs = negative ? -planck : planck;
  const base = 10n ** BigInt(decimals);
  const whole = (abs / base).toLocaleString(lang.value === "zh" ? "zh-CN" : "en-US");
  const frac = (abs % base).toString().padStart(decimals, "0").replace(/0+$/, "");
  return `${negative ? "-" : ""}${whole}${frac ? "." + frac : ""}`;
}

/** "12.5" in an asset with `decimals` -> planck; null if it is not a non-negative amount. */
export function parseUnits(text: string, decimals: number): bigint | null {
  const s = text.trim().replace(/,/g, "");
  const m = /^(\d*)(?:\.(\d*))?$/.exec(s);
  if (!m || (!m[1] && !m[2])) return null;
  const frac = m[2] ?? "";
  if (frac.length > decimals) return null;
  return BigInt(m[1] || "0") * 10n ** BigInt(decimals) + BigInt(frac.padEnd(decimals, "0") || "0");
}

export function date(ms: number): string {
  return new Date(ms).toLocaleString(lang.value === "zh" ? "zh-CN" : "en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
  });
}

/** "2 h 5 min", "40 s": a duration for a countdown. */
export function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const parts: string[] = [];
  if (d) parts.push(t("unit.d", { n: d }));
  if (h) parts.push(t("unit.h", { n: h }));
  if (m && !d) parts.push(t("unit.min", { n: m }));
  if (!d && !h) parts.push(t("unit.s", { n: s % 60 }));
  return parts.join(" ");
}

export function short(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}
