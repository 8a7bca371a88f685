import { readFile } from 'node:fs/promises';
import type { Config } from '../../../config.ts';
import { DemoCa } from './demo-ca.ts';
import type { TrustStore } from './verify-signature.ts';
import { x509 } from './x509-crypto.ts';

/**
 * Where signing and verification get their keys and trust: the configured trust anchors
 * (SIGNATURE_TRUST_ANCHORS_FILE), plus in demo mode the demo CA kept in the data dir, which also signs for the
 * demo residents and publishes the CRL. Loaded on first use.
 */
export class SignatureService {
  private demoCaPromise: Promise<DemoCa> | undefined;
  private anchorsPromise: Promise<x509.X509Certificate[]> | undefined;

  constructor(
    private readonly config: Config,
    private readonly now: () => Date,
  ) {}

  demoCa(): Promise<DemoCa> | undefined {
    if (this.config.mode !== 'demo') return undefined;
    this.demoCaPromise ??= DemoCa.open(this.config.dataDir, this.now()).catch((error: unknown) => {
      this.demoCaPromise = undefined;
      throw error;
    });
    return this.demoCaPromise;
  }

  private configuredAnchors(): Promise<x509.X509Certificate[]> {
    const file = this.config.signatureTrustAnchorsFile;
    this.anchorsPromise ??= file
      ? readFile(file, 'utf8').then((pem) => [...new x509.X509Certificates(pem)])
      : Promise.resolve([]);
    return this.anchorsPromise;
  }

  async trustStore(): Promise<TrustStore> {
    const anchors = [...(await this.configuredAnchors())];
    const crls: x509.X509Crl[] = [];
    const demo = await this.demoCa();
    if (demo) {
      anchors.push(demo.root);
      crls.push(await demo.crl(this.now()));
    }
    return { anchors, crls };
  }
}
