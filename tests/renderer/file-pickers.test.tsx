import { describe, expect, it } from 'vitest';
import { createApi } from '../../renderer/api/client';
import { acceptedSuffixes, documentKinds } from '../../electron/services/files/document-kinds';

/** The browser shell's file chooser offers the types the Electron dialog offers and the service keeps. */
describe('the browser shell’s document picker', () => {
  const chooser = async (kind: 'plan' | 'attachment' | 'evidence' | 'scan') => {
    location.hash = '#token=t';
    const picked = createApi().pickDocument(kind);
    const input = document.querySelector<HTMLInputElement>('input[type=file]')!;
    const accept = input.accept;
    input.dispatchEvent(new Event('cancel'));
    expect(await picked).toBeNull();
    expect(document.querySelector('input[type=file]')).toBeNull();
    return accept.split(',');
  };

  it('offers scans and Word files for the paper a member sent', async () => {
    expect(await chooser('attachment')).toEqual(acceptedSuffixes('attachment'));
    expect(acceptedSuffixes('attachment')).toEqual(['.pdf', '.jpg', '.jpeg', '.png', '.tif', '.tiff', '.doc', '.docx']);
  });

  it('lets evidence be any file, as the Electron dialog’s "Tất cả tệp" does beside the common types', async () => {
    expect(await chooser('evidence')).toEqual(['']);
    expect(documentKinds.evidence.allFiles).toBe(true);
    expect(acceptedSuffixes('evidence')).toEqual(expect.arrayContaining(['.pdf', '.docx', '.jpg', '.xlsx']));
  });

  it('offers PDF and images only for the signed, stamped scan of a dossier part', async () => {
    expect(await chooser('scan')).toEqual(['.pdf', '.jpg', '.jpeg', '.png', '.tif', '.tiff']);
  });

  it('offers .docx and .txt for a plan to read', async () => {
    expect(await chooser('plan')).toEqual(['.docx', '.txt']);
  });
});
