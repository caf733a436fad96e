/** The classroom's cryptography on node:crypto (OpenSSL): Ed25519, X25519, SHA-2, HMAC, AES-256-GCM, scrypt. */
import crypto from 'node:crypto';
import type { ClassroomCrypto, SigningKeyPair } from '../crypto.js';

// DER prefixes for raw 32-byte keys (RFC 8410).
const ED25519_PUBLIC = Buffer.from('302a300506032b6570032100', 'hex');
const ED25519_PRIVATE = Buffer.from('302e020100300506032b657004220420', 'hex');
const X25519_PUBLIC = Buffer.from('302a300506032b656e032100', 'hex');
const X25519_PRIVATE = Buffer.from('302e020100300506032b656e04220420', 'hex');

function edPublic(raw: Uint8Array): crypto.KeyObject {
  return crypto.createPublicKey({ key: Buffer.concat([ED25519_PUBLIC, raw]), format: 'der', type: 'spki' });
}

function edPrivate(raw: Uint8Array): crypto.KeyObject {
  return crypto.createPrivateKey({ key: Buffer.concat([ED25519_PRIVATE, raw]), format: 'der', type: 'pkcs8' });
}

export function createNodeCrypto(): ClassroomCrypto {
  return {
    randomBytes: (n) => new Uint8Array(crypto.randomBytes(n)),
    slowHash: (data, salt, length) =>
      new Uint8Array(crypto.scryptSync(data, salt, length, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 })),
    sha256: (data) => new Uint8Array(crypto.createHash('sha256').update(data).digest()),
    sha512: (data) => new Uint8Array(crypto.createHash('sha512').update(data).digest()),
    hmacSha256: (key, data) => new Uint8Array(crypto.createHmac('sha256', key).update(data).digest()),
    generateSigningKey(): SigningKeyPair {
      const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519');
      return {
        publicKey: new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }).subarray(ED25519_PUBLIC.length)),
        privateKey: new Uint8Array(
          privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(ED25519_PRIVATE.length),
        ),
      };
    },
    sign: (privateKey, data) => new Uint8Array(crypto.sign(null, data, edPrivate(privateKey))),
    verify(publicKey, data, signature) {
      if (publicKey.length !== 32 || signature.length !== 64) return false;
      try {
        return crypto.verify(null, data, edPublic(publicKey), signature);
      } catch {
        return false;
      }
    },
    x25519(scalar, u) {
      if (scalar.length !== 32 || u.length !== 32) return undefined;
      const privateKey = crypto.createPrivateKey({
        key: Buffer.concat([X25519_PRIVATE, scalar]),
        format: 'der',
        type: 'pkcs8',
      });
      const uMasked = Buffer.from(u);
      uMasked[31]! &= 0x7f;
      const publicKey = crypto.createPublicKey({
        key: Buffer.concat([X25519_PUBLIC, uMasked]),
        format: 'der',
        type: 'spki',
      });
      try {
        const out = new Uint8Array(crypto.diffieHellman({ privateKey, publicKey }));
        return out.every((b) => b === 0) ? undefined : out;
      } catch {
        // OpenSSL refuses an all-zero shared secret (a low-order point).
        return undefined;
      }
    },
    seal(key, plaintext, associated) {
      const nonce = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', key, nonce);
      cipher.setAAD(associated);
      const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
      return new Uint8Array(Buffer.concat([nonce, body, cipher.getAuthTag()]));
    },
    open(key, box, associated) {
      if (box.length < 28 || key.length !== 32) return undefined;
      try {
        const decipher = crypto.createDecipheriv('aes-256-gcm', key, box.subarray(0, 12));
        decipher.setAAD(associated);
        decipher.setAuthTag(box.subarray(box.length - 16));
        return new Uint8Array(Buffer.concat([decipher.update(box.subarray(12, box.length - 16)), decipher.final()]));
      } catch {
        return undefined;
      }
    },
  };
}
