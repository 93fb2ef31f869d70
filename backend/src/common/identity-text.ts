import { domainToASCII, domainToUnicode } from 'node:url';

/**
 * Controls, format characters (zero-width space and joiners, bidirectional overrides and isolates,
 * soft hyphen, BOM, tags), line and paragraph separators, private-use and unassigned code points.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cn}]/u;
/** Zero-width (non-)joiners shape real words in Persian, Indic and other scripts, between two letters. */
const JOINER_IN_WORD = /(?<=[\p{L}\p{M}])[\u200C\u200D](?=[\p{L}\p{M}])/gu;
/** Scripts whose letters pass for each other (Latin a, Cyrillic а, Greek α). */
const LOOK_ALIKE_SCRIPTS = [/\p{Script=Latin}/u, /\p{Script=Cyrillic}/u, /\p{Script=Greek}/u];

const mixesLookAlikeScripts = (part: string) => LOOK_ALIKE_SCRIPTS.filter((script) => script.test(part)).length > 1;

/**
 * The one form an email is stored, looked up and rate-limited under: NFKC (full-width and composed
 * forms fold together), lower case, the domain in IDNA ASCII (punycode) form. Idempotent. A domain
 * that IDNA refuses is kept as typed, for `emailProblem` and the email validator to refuse.
 */
export function normalizeEmail(raw: string): string {
  const folded = raw.normalize('NFKC').trim().toLowerCase();
  const at = folded.lastIndexOf('@');
  if (at < 0) return folded;
  const domain = domainToASCII(folded.slice(at + 1));
  return domain ? `${folded.slice(0, at)}@${domain}` : folded;
}

/**
 * Why a normalized email is refused beyond its syntax, or null: hidden characters, or a part (the
 * local part or one domain label) mixing look-alike scripts, as `аdmin` with a Cyrillic а does.
 */
export function emailProblem(email: string): string | null {
  if (INVISIBLE.test(email)) return 'email must not contain invisible or text-direction characters';
  const at = email.lastIndexOf('@');
  const parts = [email.slice(0, at), ...domainToUnicode(email.slice(at + 1)).split('.')];
  if (parts.some(mixesLookAlikeScripts)) return 'email must not mix Latin, Cyrillic or Greek letters within one part';
  return null;
}

/** Display names: NFC (real scripts and accents kept as typed), trimmed. */
export const normalizeName = (raw: string): string => raw.normalize('NFC').trim();

/** Why a name is refused, or null. Joiners inside a word are part of the writing, not hidden text. */
export function nameProblem(name: string): string | null {
  return INVISIBLE.test(name.replace(JOINER_IN_WORD, '')) ? 'name must not contain invisible or text-direction characters' : null;
}

/**
 * The one form a phone number is stored and matched under: the digits, with a leading `+` when it was
 * typed with one (or as `00`). Spaces, dots, dashes and brackets are formatting. Null when what is
 * left is not 6 to 15 digits (E.164's limit).
 */
export function normalizePhone(raw: string): string | null {
  const compact = raw.normalize('NFKC').replace(/[\s.\-()/]/g, '').replace(/^00/, '+');
  return /^\+?\d{6,15}$/.test(compact) ? compact : null;
}

/**
 * The digits to look for in stored phone numbers when someone searches with `q`, or null when `q` is not
 * a phone number (or too short to mean one). Stored numbers are compact with their country code, so
 * leading zeros (a trunk or international prefix) are dropped: "07946 0958" finds "+447946…" — unless
 * too few digits would be left, as in the tail of a number ("00123"), which is looked for as typed.
 */
export function phoneFragment(q: string): string | null {
  if (!/^[\s\d+.\-()/]+$/.test(q)) return null;
  const typed = q.replace(/\D/g, '');
  const withoutPrefix = typed.replace(/^0+/, '');
  const digits = withoutPrefix.length >= 4 ? withoutPrefix : typed;
  return digits.length >= 4 ? digits : null;
}
