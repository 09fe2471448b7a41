// electron-updater's own GenericProvider, made to trust only signed channel files. Installed with
// setFeedURL({ provider: 'custom', updateProvider: SignedFeedProvider, … }) (electron-updater's
// providerFactory constructs it), it fetches every channel file as GenericProvider does and, before
// handing the text back for parsing, fetches <file>.sig beside it and checks it against the feed
// keys the app was built with. An unsigned, edited or wrongly signed file throws E_FEED_SIGNATURE:
// electron-updater never sees update information, so nothing is offered or downloaded. Any URL
// may serve the feed (a tester's local one included); only the key decides.
import type { OutgoingHttpHeaders } from 'node:http';
import path from 'node:path';
import type { CancellationToken, CustomPublishOptions, GenericServerOptions } from 'builder-util-runtime';
import type { AppUpdater } from 'electron-updater';
import { GenericProvider } from 'electron-updater/out/providers/GenericProvider.js';
import type { ProviderRuntimeOptions } from 'electron-updater/out/providers/Provider.js';
import { signatureFileName, verifyFeedSignature } from './keys/feedSignature.js';

export interface SignedFeedOptions extends CustomPublishOptions {
  url: string;
  /** PEM public keys (feed-signing-*.pem) this build trusts to sign channel files. */
  trustedFeedKeysPem: readonly string[];
}

export class SignedFeedProvider extends GenericProvider {
  private readonly trustedKeys: readonly string[];

  // electron-updater's providerFactory passes back the options given to setFeedURL: ours (signedFeedOptions).
  constructor(custom: CustomPublishOptions, updater: AppUpdater, runtimeOptions: ProviderRuntimeOptions) {
    const options = custom as SignedFeedOptions;
    const generic: GenericServerOptions = { provider: 'generic', url: options.url, channel: options.channel ?? null };
    // One range per request: what `release serve`, S3 and most CDNs answer; a multipart answer is not universal.
    super(generic, updater, { ...runtimeOptions, isUseMultipleRangeRequest: false });
    this.trustedKeys = options.trustedFeedKeysPem;
  }

  protected override async httpRequest(url: URL, headers?: OutgoingHttpHeaders | null, cancellationToken?: CancellationToken): Promise<string | null> {
    const text = await super.httpRequest(url, headers, cancellationToken);
    const fileName = path.posix.basename(url.pathname);
    if (!fileName.endsWith('.yml')) return text;
    const signatureUrl = new URL(url.href);
    signatureUrl.pathname = path.posix.join(path.posix.dirname(url.pathname), signatureFileName(fileName));
    const signature = await super.httpRequest(signatureUrl, headers, cancellationToken).catch((error: { statusCode?: number }) => {
      if (error.statusCode === 404) return null;
      throw error;
    });
    verifyFeedSignature(fileName, Buffer.from(text ?? '', 'utf8'), signature, this.trustedKeys);
    return text;
  }
}

/** What setFeedURL takes to read `url` through SignedFeedProvider. */
export function signedFeedOptions(url: string, trustedFeedKeysPem: readonly string[]): SignedFeedOptions {
  return { provider: 'custom', updateProvider: SignedFeedProvider, url, trustedFeedKeysPem };
}
