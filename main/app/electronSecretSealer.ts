// Secrets at rest in the desktop app, sealed by the OS through Electron's safeStorage (Keychain
// on macOS, DPAPI on Windows, the Secret Service or KWallet on Linux). Where no OS store is
// available (a Linux session without a keyring), safeStorage would only obfuscate: the plain
// sealer is used instead, so the app says honestly that the secret is kept in clear.
import { safeStorage } from 'electron';
import { plainSealer, type SecretSealer } from '../services/settings/feedbackCredentials.js';

export function electronSecretSealer(): SecretSealer {
  const weak = process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text';
  if (!safeStorage.isEncryptionAvailable() || weak) return plainSealer;
  return {
    protection: 'os-encrypted',
    seal: (text) => safeStorage.encryptString(text),
    unseal: (sealed) => safeStorage.decryptString(sealed),
  };
}
