/** Downloads are served with a Content-Disposition that no file name can break out of (RFC 6266, RFC 8187). */
import { describe, expect, it } from 'vitest';
import { attachmentDisposition, inlineDisposition } from '../../../domain/documents/content-disposition.ts';

/** The header's parameters, split the way a strict parser splits them (quoted-strings kept whole). */
function parameters(header: string): string[] {
  return header.match(/(?:[^;"]|"(?:[^"\\]|\\.)*")+/g)!.map((p) => p.trim());
}

describe('attachmentDisposition', () => {
  it.each([
    ['a plain name', 'contract.pdf', 'contract.pdf', 'contract.pdf'],
    ['quotes', 'my "final" CV.pdf', 'my _final_ CV.pdf', 'my%20%22final%22%20CV.pdf'],
    ['semicolons', 'a; filename=evil.exe', 'a_ filename=evil.exe', 'a%3B%20filename%3Devil.exe'],
    ['non-ASCII', 'Lebenslauf Müller – 履歴書.pdf', 'Lebenslauf M_ller _ ___.pdf', 'Lebenslauf%20M%C3%BCller%20%E2%80%93%20%E5%B1%A5%E6%AD%B4%E6%9B%B8.pdf'],
    ['CR/LF header injection', 'x.pdf\r\nSet-Cookie: session=stolen', 'x.pdf__Set-Cookie_ session=stolen', 'x.pdf%0D%0ASet-Cookie%3A%20session%3Dstolen'],
    ['backslashes, percent signs and attr-char outsiders', "a\\b%41'(*).pdf", "a_b_41'(*).pdf", 'a%5Cb%2541%27%28%2A%29.pdf'],
    ['a lone surrogate', 'bad\uD800.pdf', 'bad_.pdf', 'bad%EF%BF%BD.pdf'],
    ['nothing ASCII at all', '履歴書', '___', '%E5%B1%A5%E6%AD%B4%E6%9B%B8'],
  ])('encodes %s: an ASCII fallback and the exact name as UTF-8', (_case, name, fallback, encoded) => {
    const header = attachmentDisposition(name);
    expect(header).toBe(`attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`);
    // Exactly three parameters, printable ASCII only: nothing ends the value or the header early.
    expect(parameters(header)).toHaveLength(3);
    expect(header).toMatch(/^[\x20-\x7e]+$/);
    expect(decodeURIComponent(encoded)).toBe(name.includes('\uD800') ? 'bad\uFFFD.pdf' : name);
  });

  it('never leaves the fallback empty', () => {
    expect(attachmentDisposition('   ')).toBe(`attachment; filename="download"; filename*=UTF-8''%20%20%20`);
  });
});

describe('inlineDisposition', () => {
  it('shows a file (a profile photo) with the same safe name parameters', () => {
    const name = 'me "smiling";\r\n.png';
    expect(inlineDisposition(name)).toBe(attachmentDisposition(name).replace(/^attachment;/, 'inline;'));
    expect(parameters(inlineDisposition(name))).toHaveLength(3);
  });
});
