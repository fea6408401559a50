/** Documents: files kept with an employee record, moved through presigned URLs. */
import { defineModule } from '../module.ts';

export const documents = defineModule({
  module: 'documents',
  functions: {
    documentAccess: { source: 'documents/functions/documentAccess.ts' },
    listDocuments: { source: 'documents/Query.employeeDocuments/listDocuments.ts', table: 'PIM' },
    presignDownload: { source: 'documents/Query.documentDownloadUrl/presignDownload.ts', lambda: 'documents' },
    presignUpload: { source: 'documents/Mutation.requestDocumentUpload/presignUpload.ts', lambda: 'documents' },
  },
  pipelines: {
    'Query.employeeDocuments': ['loadEmployee', 'documentAccess', 'listDocuments'],
    'Query.documentDownloadUrl': ['loadEmployee', 'documentAccess', 'presignDownload'],
    'Mutation.requestDocumentUpload': ['loadEmployee', 'documentAccess', 'presignUpload'],
  },
});
