/**
 * The `Content-Disposition` a download is served with (RFC 6266), for any stored file name:
 * `attachment; filename="<ASCII fallback>"; filename*=UTF-8''<percent-encoded name>`. The
 * `filename*` parameter (RFC 8187, formerly 5987) carries the exact name, every byte outside its
 * `attr-char` set percent-encoded, so no quote, semicolon, backslash, CR or LF can end the value or
 * the header; clients that know only `filename` get a plain-ASCII stand-in.
 */

// RFC 8187 attr-char: ALPHA / DIGIT / "!" / "#" / "$" / "&" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~"
const ATTR_CHAR = /^[A-Za-z0-9!#$&+\-.^_`|~]$/;
// Printable ASCII that is safe unescaped inside a quoted-string and read literally by browsers
// (no `"`, `\`, `%` that some decode, `;` that naive parsers split on).
const FALLBACK_CHAR = /^[A-Za-z0-9 !#$&'()*+,\-.=@[\]^_`{}~]$/;

/** `filename*` value: UTF-8 (TextEncoder turns a lone surrogate into U+FFFD), each byte outside attr-char as `%XX`. */
function extValue(name: string): string {
  const bytes = new TextEncoder().encode(name);
  let encoded = '';
  for (const byte of bytes) {
    const c = String.fromCharCode(byte);
    encoded += byte < 0x80 && ATTR_CHAR.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return `UTF-8''${encoded}`;
}

/** The `filename` stand-in: every character outside the safe ASCII set becomes `_`. */
function asciiFallback(name: string): string {
  const safe = [...name].map((c) => (FALLBACK_CHAR.test(c) ? c : '_')).join('').trim();
  return safe === '' ? 'download' : safe;
}

/**
 * @example
 * attachmentDisposition('Lebenslauf Müller; final.pdf')
 * // attachment; filename="Lebenslauf M_ller_ final.pdf"; filename*=UTF-8''Lebenslauf%20M%C3%BCller%3B%20final.pdf
 */
export function attachmentDisposition(fileName: string): string {
  return `attachment; ${nameParameters(fileName)}`;
}

/** The same for a file to be shown rather than saved (a profile photo): `inline; filename=...`. */
export function inlineDisposition(fileName: string): string {
  return `inline; ${nameParameters(fileName)}`;
}

function nameParameters(fileName: string): string {
  return `filename="${asciiFallback(fileName)}"; filename*=${extValue(fileName)}`;
}
