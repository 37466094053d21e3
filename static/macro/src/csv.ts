// RFC 4180 CSV, built here rather than with a library: the whole job is quoting. Fields holding a comma, a quote,
// CR or LF are quoted with inner quotes doubled; records end in CRLF.

/**
 * A text cell a spreadsheet would run as a formula (=, +, -, @, tab, CR at the start) gets a leading apostrophe:
 * issue summaries are typed by anyone who can edit an issue, and the export is opened by the people who read the
 * portfolio. Plain numbers are left alone, so negative numbers stay numbers.
 */
function neutralised(field: string): string {
  if (/^[=+\-@\t\r]/.test(field) && !/^-?\d+(\.\d+)?$/.test(field)) return `'${field}`;
  return field;
}

export function csvField(field: string): string {
  const safe = neutralised(field);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(table: readonly (readonly string[])[]): string {
  return table.map((record) => record.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** Hands the text (whole, or in the parts it was built in) to the browser as a file download through a short-lived Blob URL. */
export function downloadCsv(filename: string, text: string | readonly string[]): void {
  const url = URL.createObjectURL(
    new Blob(typeof text === 'string' ? [text] : [...text], { type: 'text/csv;charset=utf-8' }),
  );
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoked after the click has been handled: revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
