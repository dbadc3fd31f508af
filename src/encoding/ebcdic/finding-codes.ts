import { defineFindingCodes } from '../../core/finding.ts';

export const EBCDIC = defineFindingCodes({
  EBCDIC_UNBALANCED_SHIFT: {
    severity: 'error',
    title: { ja: 'シフトコード不整合', en: 'Shift-out without shift-in' },
    ja: (p) => `漢字シフト（${p.shiftOut}）の後、項目の終わり（位置 ${p.offsetHex}）までにシフト解除（${p.shiftIn}）がありません。`,
    en: (p) => `the field enters double-byte mode (${p.shiftOut}) and ends at ${p.offsetHex} without shifting back (${p.shiftIn})`,
  },
});
