/**
 * A payslip as a one-page A4 PDF, drawn with pdf-lib 1.17.1 and the standard Helvetica fonts
 * (libraries.md §2: no font files, bundles cleanly with esbuild, throws rather than writing garbage
 * for characters outside WinAnsi — so text is first reduced to what the font can draw, a character
 * it cannot becoming `?`). Amounts are the payslip's decimal strings, right-aligned.
 */
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import type { PayslipRow } from './store.ts';

export interface PayslipPdfInput {
  payslip: Pick<PayslipRow, 'period' | 'periodStart' | 'periodEnd' | 'currency' | 'lines' | 'gross' | 'deductions' | 'net' | 'employeeId' | 'runId'>;
  employeeName: string;
  employeeNumber: string | null;
  companyName: string;
}

function drawable(supported: Set<number>, text: string): string {
  return [...text].map((c) => (supported.has(c.codePointAt(0)!) ? c : '?')).join('');
}

export async function renderPayslipPdf(input: PayslipPdfInput): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Payslip ${input.payslip.period}`);
  pdf.setCreator('OptimalHR');
  pdf.setProducer('OptimalHR');
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const supported = new Set(regular.getCharacterSet());
  const page = pdf.addPage([595.28, 841.89]);
  const left = 56;
  const right = 539;
  let y = 780;
  const text = (value: string, x: number, size: number, font = regular) => page.drawText(drawable(supported, value), { x, y, size, font, color: rgb(0, 0, 0) });
  const amount = (value: string, size: number, font = regular) => {
    const shown = drawable(supported, `${value} ${input.payslip.currency}`);
    page.drawText(shown, { x: right - font.widthOfTextAtSize(shown, size), y, size, font });
  };
  text(input.companyName, left, 16, bold);
  y -= 22;
  text(`Payslip ${input.payslip.period} (${input.payslip.periodStart} to ${input.payslip.periodEnd})`, left, 11);
  y -= 30;
  text(input.employeeName, left, 12, bold);
  y -= 15;
  text(`Employee ${input.employeeNumber ?? input.payslip.employeeId}`, left, 10);
  y -= 30;
  for (const kind of ['EARNING', 'DEDUCTION'] as const) {
    const lines = input.payslip.lines.filter((l) => l.kind === kind);
    if (lines.length === 0) continue;
    text(kind === 'EARNING' ? 'Earnings' : 'Deductions', left, 11, bold);
    y -= 16;
    for (const line of lines) {
      text(line.name, left + 8, 10);
      amount(line.amount, 10);
      y -= 14;
    }
    y -= 8;
  }
  page.drawLine({ start: { x: left, y: y + 4 }, end: { x: right, y: y + 4 }, thickness: 0.8 });
  y -= 12;
  for (const [label, value] of [['Gross', input.payslip.gross], ['Deductions', input.payslip.deductions]] as const) {
    text(label, left, 10);
    amount(value, 10);
    y -= 14;
  }
  text('Net pay', left, 12, bold);
  amount(input.payslip.net, 12, bold);
  return pdf.save({ useObjectStreams: false });
}
