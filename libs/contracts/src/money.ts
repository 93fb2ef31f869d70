/**
 * ISO 4217 codes of circulating currencies, lower-case as the API and Stripe spell them. Fund
 * codes (BOV, CLF, USN, ...), precious metals and testing codes are left out: nobody pays a
 * repair in them.
 */
export const CURRENCIES = [
  'aed', 'afn', 'all', 'amd', 'ang', 'aoa', 'ars', 'aud', 'awg', 'azn', 'bam', 'bbd', 'bdt', 'bgn', 'bhd', 'bif', 'bmd',
  'bnd', 'bob', 'brl', 'bsd', 'btn', 'bwp', 'byn', 'bzd', 'cad', 'cdf', 'chf', 'clp', 'cny', 'cop', 'crc', 'cup', 'cve',
  'czk', 'djf', 'dkk', 'dop', 'dzd', 'egp', 'ern', 'etb', 'eur', 'fjd', 'fkp', 'gbp', 'gel', 'ghs', 'gip', 'gmd', 'gnf',
  'gtq', 'gyd', 'hkd', 'hnl', 'htg', 'huf', 'idr', 'ils', 'inr', 'iqd', 'irr', 'isk', 'jmd', 'jod', 'jpy', 'kes', 'kgs',
  'khr', 'kmf', 'kpw', 'krw', 'kwd', 'kyd', 'kzt', 'lak', 'lbp', 'lkr', 'lrd', 'lsl', 'lyd', 'mad', 'mdl', 'mga', 'mkd',
  'mmk', 'mnt', 'mop', 'mru', 'mur', 'mvr', 'mwk', 'mxn', 'myr', 'mzn', 'nad', 'ngn', 'nio', 'nok', 'npr', 'nzd', 'omr',
  'pab', 'pen', 'pgk', 'php', 'pkr', 'pln', 'pyg', 'qar', 'ron', 'rsd', 'rub', 'rwf', 'sar', 'sbd', 'scr', 'sdg', 'sek',
  'sgd', 'shp', 'sle', 'sos', 'srd', 'ssp', 'stn', 'svc', 'syp', 'szl', 'thb', 'tjs', 'tmt', 'tnd', 'top', 'try', 'ttd',
  'twd', 'tzs', 'uah', 'ugx', 'usd', 'uyu', 'uzs', 'ved', 'ves', 'vnd', 'vuv', 'wst', 'xaf', 'xcd', 'xcg', 'xof', 'xpf',
  'yer', 'zar', 'zmw', 'zwg',
] as const;
export type Currency = (typeof CURRENCIES)[number];

const CURRENCY_SET: ReadonlySet<string> = new Set(CURRENCIES);

export function isCurrency(value: unknown): value is Currency {
  return typeof value === 'string' && CURRENCY_SET.has(value);
}

/** ISO 4217 minor-unit exponents that differ from the usual 2 (JPY has none, KWD has three). */
const MINOR_UNIT_EXCEPTIONS: Readonly<Partial<Record<Currency, number>>> = {
  bif: 0, clp: 0, djf: 0, gnf: 0, isk: 0, jpy: 0, kmf: 0, krw: 0, pyg: 0, rwf: 0, ugx: 0, vnd: 0, vuv: 0, xaf: 0, xof: 0,
  xpf: 0, bhd: 3, iqd: 3, jod: 3, kwd: 3, lyd: 3, omr: 3, tnd: 3,
};

/** How many decimal places one major unit has: `amount / 10 ** minorUnits(currency)` is the major amount. */
export function minorUnits(currency: Currency): number {
  return MINOR_UNIT_EXCEPTIONS[currency] ?? 2;
}

/** Formats integer minor units (`12999`, `usd`) as money (`$129.99`) for `locale`; JPY and friends are not divided. */
export function formatMoney(amount: number, currency: string, locale?: string): string {
  const digits = isCurrency(currency) ? minorUnits(currency) : 2;
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: currency.toUpperCase(),
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(amount / 10 ** digits);
}

/** Largest amount in minor units we accept for one quote line and for a quote's total (a sanity bound, ~10M in major units). */
export const MAX_AMOUNT_MINOR = 1_000_000_000;

/** A quote's total. The server computes it; clients never send it. */
export function quoteTotal(partsCost: number, laborCost: number): number {
  return partsCost + laborCost;
}
