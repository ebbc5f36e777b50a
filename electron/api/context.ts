import type { Workspace } from '../services/workspace/workspace';
import type { FileHandles } from '../services/files/handles';
import type { DocumentKind } from '../services/files/document-kinds';

/** What differs between the Electron window and the browser shell: how files are picked and saved. */
export interface Host {
  shell: 'electron' | 'browser';
  pickBundles(folder: boolean): Promise<string[]>;
  pickXlsx(): Promise<string | null>;
  /** A plan received as a document, or the paper a member sent: the types offered are documentKinds[kind]. */
  pickDocument(kind: DocumentKind): Promise<string | null>;
  saveAs(source: string, suggestedName: string): Promise<{ saved: boolean; where: string }>;
  /** Several files into one folder picked once (receipts back onto the USB stick). */
  saveAll(sources: { path: string; name: string }[]): Promise<{ saved: boolean; where: string }>;
  /** Opens a file with the system's own viewer (an evidence scan, a PDF, a Word file). */
  openFile(path: string): Promise<void>;
}

export interface Context {
  ws: Workspace;
  files: FileHandles;
  host: Host;
}
