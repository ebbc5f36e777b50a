import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { tempPathFor, writeFileAtomic } from '../files/atomic';
import { sweepOrphans } from '../files/leftovers';
import { makePrivateDir, PRIVATE_FILE_MODE } from '../files/private';
import { UserError } from '../errors';

/** Ed25519 keys: the key id is the first 128 bits of SHA-256 over the raw public key, in hex. */

const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export function rawPublicKey(key: crypto.KeyObject): Buffer {
  const der = key.export({ format: 'der', type: 'spki' });
  return der.subarray(der.length - 32);
}

export function publicKeyFromRaw(raw: Buffer): crypto.KeyObject {
  if (raw.length !== 32) throw new Error('Khóa công khai Ed25519 phải dài 32 byte.');
  return crypto.createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, raw]), format: 'der', type: 'spki' });
}

export function keyIdOf(rawPublic: Buffer): string {
  return crypto.createHash('sha256').update(rawPublic).digest('hex').slice(0, 32);
}

/** "3F2A 9C01 …": eight groups of four, easy to read aloud over the phone. */
export function formatFingerprint(keyId: string): string {
  return keyId.toUpperCase().match(/.{4}/g)!.join(' ');
}

// Vietnamese digit words let a fingerprint be read over a bad line without confusing "B" and "D".
const HEX_WORDS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín', 'A', 'Bê', 'Xê', 'Đê', 'E', 'Ép'];
export function fingerprintWords(keyId: string): string {
  return keyId
    .match(/.{4}/g)!
    .map((group) => group.split('').map((c) => HEX_WORDS[parseInt(c, 16)]).join(' '))
    .join(' / ');
}

export function sign(data: Buffer, privateKey: crypto.KeyObject): Buffer {
  return crypto.sign(null, data, privateKey);
}

export function verifySignature(data: Buffer, signature: Buffer, rawPublic: Buffer): boolean {
  try {
    return crypto.verify(null, data, publicKeyFromRaw(rawPublic), signature);
  } catch {
    return false;
  }
}

/** Seals key bytes at rest; in Electron this is safeStorage (the OS key store). */
export interface Sealer {
  seal(plain: Buffer): Buffer;
  open(sealed: Buffer): Buffer;
}

export interface PreparedKey {
  keyId: string;
  rawPublic: Buffer;
  keep(): void;
  discard(): Promise<void>;
}

/**
 * Private keys live in files readable only by their owner, never in the database and never in the
 * renderer. With a Sealer they are also encrypted by the operating system's key store.
 */
export class KeyStore {
  constructor(
    private readonly dir: string,
    private readonly sealer?: Sealer,
  ) {}

  private file(keyId: string, sealed: boolean): string {
    return path.join(this.dir, `${keyId}.${sealed ? 'sealed' : 'pem'}`);
  }

  /**
   * A new key pair whose private key is written and synced beside its final name; nothing is in place
   * until `keep` renames it there (synchronously, so it can run inside the transaction that records
   * the key). `discard` removes what was not kept.
   */
  async prepare(): Promise<PreparedKey> {
    const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
    const rawPublic = rawPublicKey(publicKey);
    const keyId = keyIdOf(rawPublic);
    const pem = Buffer.from(privateKey.export({ format: 'pem', type: 'pkcs8' }));
    makePrivateDir(this.dir);
    const dest = this.file(keyId, !!this.sealer);
    const temp = tempPathFor(dest);
    const handle = await fsp.open(temp, 'wx', PRIVATE_FILE_MODE);
    try {
      await handle.writeFile(this.sealer ? this.sealer.seal(pem) : pem);
      await handle.sync();
    } finally {
      await handle.close();
    }
    return { keyId, rawPublic, keep: () => fs.renameSync(temp, dest), discard: () => fsp.rm(temp, { force: true }) };
  }

  /**
   * Removes the private key a killed set-up wrote but never kept (prepare's temp file, named by its
   * process): no key of a process no longer running can be kept any more.
   */
  sweepLeftovers(): string[] {
    return sweepOrphans(this.dir, /^\.[0-9a-f]{32}\.(?:pem|sealed)\.(\d+)-[0-9a-f]{12}\.tmp$/);
  }

  async create(): Promise<{ keyId: string; rawPublic: Buffer }> {
    const key = await this.prepare();
    key.keep();
    return key;
  }

  /**
   * The Electron window and the browser shell share one data folder: a key made in either loads in
   * both where possible, and a plain key is sealed as soon as the OS key store is there.
   */
  async load(keyId: string): Promise<{ privateKey: crypto.KeyObject; rawPublic: Buffer }> {
    const read = (sealed: boolean) => fsp.readFile(this.file(keyId, sealed)).catch(() => null);
    const sealed = await read(true);
    let pem: Buffer | null = null;
    if (sealed && this.sealer) pem = this.sealer.open(sealed);
    else if (sealed) throw new UserError('Khóa ký của đơn vị được niêm phong bằng kho khóa của hệ điều hành: hãy ký và xuất gói trong cửa sổ ứng dụng.');
    else {
      pem = await read(false);
      if (pem && this.sealer) {
        await writeFileAtomic(this.file(keyId, true), this.sealer.seal(pem), PRIVATE_FILE_MODE);
        await fsp.rm(this.file(keyId, false));
      }
    }
    if (!pem) throw new UserError(`Không tìm thấy khóa ký của đơn vị (${formatFingerprint(keyId)}) trên máy này.`);
    const privateKey = crypto.createPrivateKey(pem);
    return { privateKey, rawPublic: rawPublicKey(crypto.createPublicKey(privateKey)) };
  }
}
