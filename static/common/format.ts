// Display helpers. Calendar days stay ISO (YYYY-MM-DD): unambiguous in every locale and the form the inputs use.

export function formatAmount(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'not recorded';
  return new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 }).format(value);
}

export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return 'unknown time';
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * A money amount in the site's currency. The contract carries no currency code, so no symbol is invented: whole
 * units, grouped for the viewer's locale.
 */
export function formatMoney(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'not recorded';
  return new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 }).format(value);
}
