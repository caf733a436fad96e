/**
 * The cryptography the classroom protocol needs, as a port: the protocol is
 * pure, and `node/crypto.ts` implements this with node:crypto (Ed25519, X25519,
 * SHA-2, HMAC, AES-256-GCM). Keys travel as raw bytes.
 */
export interface SigningKeyPair {
  /** 32-byte Ed25519 public key. */
  readonly publicKey: Uint8Array;
  /** 32-byte Ed25519 seed (the private key). */
  readonly privateKey: Uint8Array;
}

export interface ClassroomCrypto {
  randomBytes(length: number): Uint8Array;
  sha256(data: Uint8Array): Uint8Array;
  sha512(data: Uint8Array): Uint8Array;
  hmacSha256(key: Uint8Array, data: Uint8Array): Uint8Array;
  generateSigningKey(): SigningKeyPair;
  sign(privateKey: Uint8Array, data: Uint8Array): Uint8Array;
  /** False for a bad signature and for a malformed key or signature (never throws). */
  verify(publicKey: Uint8Array, data: Uint8Array, signature: Uint8Array): boolean;
  /**
   * X25519: the scalar (32 bytes, clamped by the function) times the point with
   * u-coordinate `u`. Undefined when the result is the all-zero point.
   */
  x25519(scalar: Uint8Array, u: Uint8Array): Uint8Array | undefined;
  /** AES-256-GCM; output is 12-byte nonce ‖ ciphertext ‖ 16-byte tag. */
  seal(key: Uint8Array, plaintext: Uint8Array, associated: Uint8Array): Uint8Array;
  /** Undefined when the box was altered or the key is wrong. */
  open(key: Uint8Array, box: Uint8Array, associated: Uint8Array): Uint8Array | undefined;
  /**
   * A deliberately slow, memory-hard hash (scrypt, N=2^15, r=8, p=1): the
   * teacher's fingerprint, so finding a key with a given fingerprint costs
   * tens of milliseconds a try.
   */
  slowHash(data: Uint8Array, salt: Uint8Array, length: number): Uint8Array;
}
