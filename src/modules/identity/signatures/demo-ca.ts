import { createPrivateKey, type JsonWebKey, KeyObject, randomBytes, sign, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EC_SIGN, exportPrivateKey, generateKeys, importPrivateKey, x509 } from './x509-crypto.ts';

const DAY_MS = 24 * 60 * 60_000;

export interface IssuedSigner {
  certificate: x509.X509Certificate;
  privateKey: CryptoKey;
}

export interface IssueOptions {
  notBefore?: Date;
  notAfter?: Date;
  /** Defaults to digitalSignature + nonRepudiation, as on a signing certificate. */
  keyUsages?: x509.KeyUsageFlags;
}

/** A signature made with a resident's card key, and the certificate that names the key. */
export interface CardSignature {
  /** ECDSA P-256 with SHA-256, r ‖ s (IEEE P1363), as WebCrypto signs. */
  signature: Buffer;
  certificatePem: string;
  /** Lower-case hex without leading zero bytes. */
  serialNumber: string;
}

/**
 * A resident's signer file: the certificate and the key (PKCS#8 PEM). Files written since `signAs` also keep the key
 * as a JWK and the certificate's serial number and expiry, so signing needs no certificate or PKCS#8 parsing.
 */
interface SignerFile {
  certificate: string;
  privateKey: string;
  privateKeyJwk?: JsonWebKey;
  serialNumber?: string;
  notAfter?: string;
}

interface CaState {
  revoked: { serialNumber: string; revokedAt: string }[];
}

const serialKey = (hex: string) => hex.toLowerCase().replace(/^(00)+(?=..)/, '');

function randomSerial(): string {
  // Positive (top bit clear) 16-byte serial, as RFC 5280 asks.
  const bytes = randomBytes(16);
  bytes[0] = bytes[0]! & 0x7f;
  return bytes.toString('hex');
}

async function writeAtomically(file: string, content: string) {
  const temporary = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temporary, content, { mode: 0o600 });
  await rename(temporary, file);
}

/**
 * The demo card authority's certification authority: a root that issues signing certificates to demo residents
 * and publishes a CRL. Created on first use and kept in `<data dir>/demo-ca` (tests give it a temporary directory),
 * so signatures made yesterday still verify after a restart. Never used outside demo mode.
 */
export class DemoCa {
  private constructor(
    private readonly dir: string,
    readonly root: x509.X509Certificate,
    private readonly rootKey: CryptoKey,
    private state: CaState,
  ) {}

  static async open(dataDir: string, now: Date): Promise<DemoCa> {
    const dir = join(dataDir, 'demo-ca');
    await mkdir(join(dir, 'signers'), { recursive: true, mode: 0o700 });
    try {
      const root = new x509.X509Certificate(await readFile(join(dir, 'root.pem'), 'utf8'));
      const rootKey = await importPrivateKey(await readFile(join(dir, 'root-key.pem'), 'utf8'));
      const state = JSON.parse(await readFile(join(dir, 'state.json'), 'utf8')) as CaState;
      return new DemoCa(dir, root, rootKey, state);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const keys = await generateKeys();
    const root = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: randomSerial(),
      name: 'CN=Tsunagu Demo Card CA, O=Tsunagu (demo), C=JP',
      notBefore: new Date(now.getTime() - DAY_MS),
      notAfter: new Date(now.getTime() + 20 * 365 * DAY_MS),
      keys,
      signingAlgorithm: EC_SIGN,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      ],
    });
    await writeAtomically(join(dir, 'root-key.pem'), await exportPrivateKey(keys.privateKey));
    await writeAtomically(join(dir, 'state.json'), JSON.stringify({ revoked: [] }));
    await writeAtomically(join(dir, 'root.pem'), root.toString('pem'));
    return new DemoCa(dir, root, keys.privateKey, { revoked: [] });
  }

  async issue(subjectName: string, now: Date, options: IssueOptions = {}): Promise<IssuedSigner> {
    const keys = await generateKeys();
    const certificate = await x509.X509CertificateGenerator.create({
      serialNumber: randomSerial(),
      subject: subjectName,
      issuer: this.root.subject,
      notBefore: options.notBefore ?? new Date(now.getTime() - 60_000),
      notAfter: options.notAfter ?? new Date(now.getTime() + 5 * 365 * DAY_MS),
      publicKey: keys.publicKey,
      signingKey: this.rootKey,
      signingAlgorithm: EC_SIGN,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(
          options.keyUsages ?? x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
          true,
        ),
        await x509.AuthorityKeyIdentifierExtension.create(this.root, false),
      ],
    });
    return { certificate, privateKey: keys.privateKey };
  }

  private signerFile(key: string): string {
    return join(this.dir, 'signers', `${key.replace(/[^A-Za-z0-9_-]/g, '_')}.json`);
  }

  /** The signing certificate of one resident, issued on first use and kept, like the one on their card. */
  async signerFor(key: string, subjectName: string, now: Date): Promise<IssuedSigner> {
    const file = this.signerFile(key);
    try {
      const saved = JSON.parse(await readFile(file, 'utf8')) as SignerFile;
      const certificate = new x509.X509Certificate(saved.certificate);
      if (certificate.notAfter.getTime() > now.getTime() && !this.isRevoked(certificate.serialNumber)) {
        return { certificate, privateKey: await importPrivateKey(saved.privateKey) };
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const issued = await this.issue(subjectName, now);
    const saved: SignerFile = {
      certificate: issued.certificate.toString('pem'),
      privateKey: await exportPrivateKey(issued.privateKey),
      privateKeyJwk: KeyObject.from(issued.privateKey).export({ format: 'jwk' }),
      serialNumber: serialKey(issued.certificate.serialNumber),
      notAfter: issued.certificate.notAfter.toISOString(),
    };
    await writeAtomically(file, JSON.stringify(saved));
    return issued;
  }

  /**
   * Signs `data` as the resident's card does, with the key and certificate `signerFor` keeps (issued on first use,
   * again once expired or revoked). Done with node:crypto alone: the demo signs once per benefit application, and
   * `signerFor`'s path (fs/promises read, @peculiar/x509 parse, PKCS#8 import and sign through WebCrypto) cost
   * ≈ 1.6 ms of CPU per signature; a synchronous read of the small file and the key rebuilt from its JWK, with
   * the serial number and expiry kept beside it (no certificate or PKCS#8 parsing), cost ≈ 0.1 ms.
   */
  async signAs(key: string, subjectName: string, now: Date, data: Uint8Array): Promise<CardSignature> {
    let card = this.readSigner(this.signerFile(key));
    if (!card || card.notAfter <= now.getTime() || this.isRevoked(card.serialNumber)) {
      const issued = await this.signerFor(key, subjectName, now);
      card = {
        certificatePem: issued.certificate.toString('pem'),
        serialNumber: serialKey(issued.certificate.serialNumber),
        notAfter: issued.certificate.notAfter.getTime(),
        privateKey: KeyObject.from(issued.privateKey),
      };
    }
    return {
      signature: sign('sha256', data, { key: card.privateKey, dsaEncoding: 'ieee-p1363' }),
      certificatePem: card.certificatePem,
      serialNumber: card.serialNumber,
    };
  }

  /** A resident's saved signer, or undefined when none was issued yet. */
  private readSigner(file: string) {
    let saved: SignerFile;
    try {
      // Synchronous on purpose: a file of about 1 KB on the local disk; fs/promises' open, stat, read and close
      // cost ≈ 0.2 ms of CPU for it.
      saved = JSON.parse(readFileSync(file, 'utf8')) as SignerFile;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    const certificate =
      saved.serialNumber && saved.notAfter
        ? { serialNumber: saved.serialNumber, validTo: saved.notAfter }
        : new X509Certificate(saved.certificate);
    return {
      certificatePem: saved.certificate,
      serialNumber: serialKey(certificate.serialNumber),
      notAfter: Date.parse(certificate.validTo),
      privateKey: saved.privateKeyJwk
        ? createPrivateKey({ key: saved.privateKeyJwk, format: 'jwk' })
        : createPrivateKey(saved.privateKey),
    };
  }

  isRevoked(serialNumber: string): boolean {
    const serial = serialKey(serialNumber);
    return this.state.revoked.some((entry) => serialKey(entry.serialNumber) === serial);
  }

  async revoke(serialNumber: string, at: Date): Promise<void> {
    if (this.isRevoked(serialNumber)) return;
    this.state = { revoked: [...this.state.revoked, { serialNumber, revokedAt: at.toISOString() }] };
    await writeAtomically(join(this.dir, 'state.json'), JSON.stringify(this.state));
  }

  /** A fresh CRL, valid for a day, listing every certificate revoked so far (by any process sharing the data dir). */
  async crl(now: Date): Promise<x509.X509Crl> {
    this.state = JSON.parse(await readFile(join(this.dir, 'state.json'), 'utf8')) as CaState;
    return x509.X509CrlGenerator.create({
      issuer: this.root.subject,
      thisUpdate: now,
      nextUpdate: new Date(now.getTime() + DAY_MS),
      signingKey: this.rootKey,
      signingAlgorithm: EC_SIGN,
      entries: this.state.revoked.map((entry) => ({
        serialNumber: entry.serialNumber,
        revocationDate: new Date(entry.revokedAt),
        reason: x509.X509CrlReason.keyCompromise,
      })),
    });
  }
}
