// AEAD known-answer vectors.
// - AES-128-GCM: McGrew & Viega, "The Galois/Counter Mode of Operation (GCM)", Test Case 4 (also in
//   NIST's GCM test data): 60-byte plaintext, 20-byte AAD, 96-bit IV.
// - ChaCha20-Poly1305: RFC 7539 §2.8.2 (= RFC 8439 §2.8.2), "Ladies and Gentlemen of the class of '99...".
// - AES-128-CCM with an 8-byte tag and 12-byte nonce (TLS CCM_8 shape): NIST SP 800-38C Appendix C,
//   Example 3.
// Values found with the search tool in several independent test suites and agreeing with each other.
export const gcmTestCase4 = {
  key: 'feffe9928665731c6d6a8f9467308308',
  iv: 'cafebabefacedbaddecaf888',
  aad: 'feedfacedeadbeeffeedfacedeadbeefabaddad2',
  plaintext:
    'd9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525' +
    'b16aedf5aa0de657ba637b39',
  ciphertext:
    '42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa05' +
    '1ba30b396a0aac973d58e091',
  tag: '5bc94fbc3221a5db94fae95ae7121a47',
};

export const chacha20Poly1305Rfc7539 = {
  key: '808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f',
  nonce: '070000004041424344454647',
  aad: '50515253c0c1c2c3c4c5c6c7',
  plaintext: "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.",
  ciphertext:
    'd31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d63dbea45e8ca9671282fafb69da92728b' +
    '1a71de0a9e060b2905d6a5b67ecd3b3692ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc' +
    '3ff4def08e4b7a9de576d26586cec64b6116',
  tag: '1ae10b594f09e26a7e902ecbd0600691',
};

export const ccmSp80038cExample3 = {
  key: '404142434445464748494a4b4c4d4e4f',
  nonce: '101112131415161718191a1b',
  aad: '000102030405060708090a0b0c0d0e0f10111213',
  plaintext: '202122232425262728292a2b2c2d2e2f3031323334353637',
  ciphertext: 'e3b201a9f5b71a7a9b1ceaeccd97e70b6176aad9a4428aa5',
  tag: '484392fbc1b09951',
};
