/** Only same-app paths are followed after sign-in, never another origin (open redirect). */
export function safeReturnUrl(candidate: string | null | undefined, fallback: string): string {
  if (!candidate || !candidate.startsWith('/') || candidate.startsWith('//') || candidate.startsWith('/\\')) return fallback;
  if (candidate.startsWith('/sign-in') || candidate.startsWith('/sign-up')) return fallback;
  return candidate;
}
