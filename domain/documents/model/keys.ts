/** Keys of the documents module (PIM table): each document under its employee. */
export const DOCUMENT_PREFIXES = {
  document: 'DOC#',
} as const;

export function documentItemKey(employeeId: string, documentId: string): string {
  return `${DOCUMENT_PREFIXES.document}${employeeId}#${documentId}`;
}

/** Sort-key prefix of one employee's documents (newest first: ids are ULIDs). */
export function employeeDocumentsPrefix(employeeId: string): string {
  return `${DOCUMENT_PREFIXES.document}${employeeId}#`;
}
