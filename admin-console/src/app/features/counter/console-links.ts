/** The console's own URL of a repair, as staff open it from a scanned label (the app's base href included). */
export function consoleRepairUrl(repairId: string, baseUri: string = document.baseURI): string {
  return new URL(`repairs/${encodeURIComponent(repairId)}`, baseUri).href;
}
