/** Documents: files kept with an employee record, moved through presigned URLs; who reaches them is people's personnelFileAccess. */
import { defineModule } from '../module.ts';

export const documents = defineModule({
  module: 'documents',
  functions: {
    listDocuments: { source: 'documents/Query.employeeDocuments/listDocuments.ts', table: 'PIM' },
    presignDownload: { source: 'documents/Query.documentDownloadUrl/presignDownload.ts', lambda: 'documents' },
    presignUpload: { source: 'documents/Mutation.requestDocumentUpload/presignUpload.ts', lambda: 'documents' },
  },
  pipelines: {
    'Query.employeeDocuments': ['loadEmployee', 'personnelFileAccess', 'listDocuments'],
    'Query.documentDownloadUrl': ['loadEmployee', 'personnelFileAccess', 'presignDownload'],
    'Mutation.requestDocumentUpload': ['loadEmployee', 'personnelFileAccess', 'presignUpload'],
  },
});
