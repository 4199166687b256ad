/**
 * Why a key could not be imported, read or used. Its message never holds the key or any
 * part of it (nor the text it was parsed from): it may reach a log, a dialog or the console.
 */
export class WalletKeyError extends Error {
  override readonly name = 'WalletKeyError';
}
