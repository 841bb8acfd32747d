// What a history entry's note says about how the answer was written (docs/WORKBOOK.md):
// "workbook|<downloaded at>|<file name>" — imported from a downloaded workbook;
// "legacy|<file name>" — from a previous answer sheet; anything else is not an import.
export type ImportNote = { kind: 'workbook'; downloadedAt: string; file: string } | { kind: 'legacy'; file: string };

export function importNote(note: string | undefined): ImportNote | null {
  const parts = (note ?? '').split('|');
  if (parts[0] === 'workbook' && parts.length >= 3) return { kind: 'workbook', downloadedAt: parts[1], file: parts.slice(2).join('|') };
  if (parts[0] === 'legacy' && parts.length >= 2) return { kind: 'legacy', file: parts.slice(1).join('|') };
  return null;
}
