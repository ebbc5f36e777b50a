import type { Input } from '../../ipc/contract';

/** What a document picked from disk is for: a plan to read, the paper a member sent, kept as it came, evidence for a criterion, or a dossier part's signed scan. */
export type DocumentKind = Input<'files.pickDocument'>['kind'];

/**
 * The types each picker offers, one list for the Electron host's dialog, the browser's file chooser
 * and the service that checks what it stores (shared with the renderer, so it imports only types).
 * A plan is read as text (.docx or .txt); a member's paper is stored as sent: a scan (PDF or a photo)
 * or a Word file.
 */
export const documentKinds: Record<DocumentKind, { title: string; filterName: string; extensions: readonly string[]; allFiles?: true }> = {
  plan: { title: 'Chọn kế hoạch nhận được (.docx hoặc .txt)', filterName: 'Kế hoạch (.docx, .txt)', extensions: ['docx', 'txt'] },
  attachment: {
    title: 'Chọn tệp đơn vị gửi (bản chụp PDF, ảnh chụp hoặc tệp Word)',
    filterName: 'Bản chụp hoặc tệp Word (.pdf, .jpg, .png, .tif, .doc, .docx)',
    extensions: ['pdf', 'jpg', 'jpeg', 'png', 'tif', 'tiff', 'doc', 'docx'],
  },
  // The signed, stamped pages of an award dossier's part travel as the paper was: a scan, never a Word file.
  scan: { title: 'Chọn bản scan đã ký, đóng dấu (PDF hoặc ảnh chụp)', filterName: 'Bản scan (.pdf, .jpg, .png, .tif)', extensions: ['pdf', 'jpg', 'jpeg', 'png', 'tif', 'tiff'] },
  // Evidence may be of any kind: the common types are offered first, "Tất cả tệp" beside them.
  evidence: {
    title: 'Chọn tệp minh chứng (bản scan, PDF, Word, Excel, ảnh chụp…)',
    filterName: 'Tài liệu minh chứng thường gặp (.pdf, .doc, .docx, .xls, .xlsx, ảnh)',
    extensions: ['pdf', 'doc', 'docx', 'xls', 'xlsx', 'odt', 'ods', 'jpg', 'jpeg', 'png', 'tif', 'tiff', 'heic', 'zip'],
    allFiles: true,
  },
};

/** ".pdf", ".jpg", …: the suffixes a picker offers, and the file names the service takes. */
export const acceptedSuffixes = (kind: DocumentKind): string[] => documentKinds[kind].extensions.map((e) => `.${e}`);

/** The browser's `accept` list: empty (every file) where any type is welcome. */
export const acceptList = (kind: DocumentKind): string => (documentKinds[kind].allFiles ? '' : acceptedSuffixes(kind).join(','));
