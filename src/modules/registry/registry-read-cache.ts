import type { AppServices } from '../../platform/services.ts';
import { tokyoToday } from './program-view.ts';
import { registryStamp } from './use-cases/list-changes.ts';

/**
 * Public reads are the registry's hot path and change rarely. The version stamp (newest change id) is read at most
 * once a second per process (served stale while it refreshes), and list responses are kept per URL until the stamp
 * moves, so a repeated search costs no database work. Writes in this process invalidate at once; other processes
 * see them about a second later — well inside the `max-age=60` every response already allows clients and CDNs.
 */
const STAMP_TTL_MS = 1000;
/** A byte budget rather than an entry count: list bodies run from a few hundred bytes to ~100 KB. */
const MAX_CACHED_BYTES = 32 * 1024 * 1024;

export interface CachedResponse {
  etag: string;
  body: Buffer;
  /** Compressed once, on the first request that accepts gzip. */
  gzip?: Buffer;
}

export interface Stamp {
  etag: string;
  lastModified: string | null;
}

class RegistryReadCache {
  private stamp: Stamp | null = null;
  private stampReadAt = 0;
  private pending: Promise<Stamp> | null = null;
  private generation = 0;
  private readonly responses = new Map<string, CachedResponse>();
  private bytes = 0;

  constructor(private readonly services: AppServices) {}

  async current(): Promise<Stamp> {
    if (this.stamp) {
      // Stale-while-revalidate: an expired stamp is still served while one refresh runs, so requests never queue
      // behind the stamp query when the pool is busy.
      if (Date.now() - this.stampReadAt >= STAMP_TTL_MS) void this.refresh().catch(() => undefined);
      return this.stamp;
    }
    return this.refresh();
  }

  private refresh(): Promise<Stamp> {
    // One stamp query at a time, however many requests arrive together.
    const generation = this.generation;
    this.pending ??= registryStamp(this.services)
      .then((s) => {
        const stamp = {
          etag: `W/"r${s.cursor}-${tokyoToday(this.services.now())}"`,
          lastModified: s.at ? s.at.toUTCString() : null,
        };
        // A write in this process while the query ran: the answer may predate it, so do not keep it.
        if (generation !== this.generation) return stamp;
        if (stamp.etag !== this.stamp?.etag) {
          this.responses.clear();
          this.bytes = 0;
        }
        this.stamp = stamp;
        this.stampReadAt = Date.now();
        return stamp;
      })
      .finally(() => {
        this.pending = null;
      });
    return this.pending;
  }

  response(url: string, etag: string): CachedResponse | undefined {
    const hit = this.responses.get(url);
    return hit && hit.etag === etag ? hit : undefined;
  }

  remember(url: string, etag: string, body: Buffer): CachedResponse {
    this.forget(url);
    while (this.bytes + body.length > MAX_CACHED_BYTES && this.responses.size > 0) {
      this.forget(this.responses.keys().next().value as string);
    }
    const entry: CachedResponse = { etag, body };
    this.responses.set(url, entry);
    this.bytes += body.length;
    return entry;
  }

  /** Records the compressed copy made for an entry, so the budget counts it too. */
  compressed(entry: CachedResponse, gzip: Buffer): Buffer {
    entry.gzip = gzip;
    this.bytes += gzip.length;
    return gzip;
  }

  private forget(url: string): void {
    const entry = this.responses.get(url);
    if (!entry) return;
    this.bytes -= entry.body.length + (entry.gzip?.length ?? 0);
    this.responses.delete(url);
  }

  invalidate(): void {
    this.generation++;
    this.pending = null;
    this.stamp = null;
    this.responses.clear();
    this.bytes = 0;
  }
}

const caches = new WeakMap<AppServices, RegistryReadCache>();

export function registryReadCache(services: AppServices): RegistryReadCache {
  let cache = caches.get(services);
  if (!cache) {
    cache = new RegistryReadCache(services);
    caches.set(services, cache);
  }
  return cache;
}
