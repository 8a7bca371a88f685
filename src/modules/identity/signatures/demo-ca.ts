import { randomBytes } from 'node:crypto';
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

interface CaState {
  revoked: { serialNumber: string; revokedAt: string }[];
}

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

  /** The signing certificate of one resident, issued on first use and kept, like the one on their card. */
  async signerFor(key: string, subjectName: string, now: Date): Promise<IssuedSigner> {
    const file = join(this.dir, 'signers', `${key.replace(/[^A-Za-z0-9_-]/g, '_')}.json`);
    try {
      const saved = JSON.parse(await readFile(file, 'utf8')) as { certificate: string; privateKey: string };
      const certificate = new x509.X509Certificate(saved.certificate);
      if (certificate.notAfter.getTime() > now.getTime() && !this.isRevoked(certificate.serialNumber)) {
        return { certificate, privateKey: await importPrivateKey(saved.privateKey) };
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const issued = await this.issue(subjectName, now);
    await writeAtomically(
      file,
      JSON.stringify({
        certificate: issued.certificate.toString('pem'),
        privateKey: await exportPrivateKey(issued.privateKey),
      }),
    );
    return issued;
  }

  isRevoked(serialNumber: string): boolean {
    return this.state.revoked.some((entry) => entry.serialNumber === serialNumber);
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
