// TLS 1.2 PRF test vectors posted to the IETF TLS list ("TLS 1.2 test vectors", 2010,
// https://mailarchive.ietf.org/arch/msg/tls/fzVCzk-z3FShgGJ6DOXqM1ydxms/), reproduced in the test suites
// of BoringSSL/rustls, Botan, wolfSSL, mbedTLS (found with the search tool). Label "test label".
// SHA-224 and SHA-512 are not TLS PRF hashes but exercise the generic P_hash of RFC 5246 §5.
export const tls12PrfVectors = [
  {
    hash: 'sha256',
    secret: '9bbe436ba940f017b17652849a71db35',
    seed: 'a0ba9f936cda311827a6f796ffd5198c',
    output:
      'e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a6b301791e90d35c9c9a46b4e14baf9af' +
      '0fa022f7077def17abfd3797c0564bab4fbc91666e9def9b97fce34f796789baa48082d122ee42c5a72e5a5110fff701' +
      '87347b66',
  },
  {
    hash: 'sha384',
    secret: 'b80b733d6ceefcdc71566ea48e5567df',
    seed: 'cd665cf6a8447dd6ff8b27555edb7465',
    output:
      '7b0c18e9ced410ed1804f2cfa34a336a1c14dffb4900bb5fd7942107e81c83cde9ca0faa60be9fe34f82b1233c9146a0' +
      'e534cb400fed2700884f9dc236f80edd8bfa961144c9e8d792eca722a7b32fc3d416d473ebc2c5fd4abfdad05d918425' +
      '9b5bf8cd4d90fa0d31e2dec479e4f1a26066f2eea9a69236a3e52655c9e9aee691c8f3a26854308d5eaa3be85e099070' +
      '3d73e56f',
  },
  {
    hash: 'sha224',
    secret: 'e18828740352b530d69b34c6597dea2e',
    seed: 'f5a3fe6d34e2e28560fdcaf6823f9091',
    output:
      '224d8af3c0453393a9779789d21cf7da5ee62ae6b617873d489428efc8dd58d1566e7029e2ca3a5ecd355dc64d4d927e' +
      '2fbd78c4233e8604b14749a77a92a70fddf614bc0df623d798604e4ca5512794d802a258e82f86cf',
  },
  {
    hash: 'sha512',
    secret: 'b0323523c1853599584d88568bbb05eb',
    seed: 'd4640e12e4bcdbfb437f03e6ae418ee5',
    output:
      '1261f588c798c5c201ff036e7a9cb5edcd7fe3f94c669a122a4638d7d508b283042df6789875c7147e906d868bc75c45' +
      'e20eb40c1cf4a1713b27371f68432592f7dc8ea8ef223e12ea8507841311bf68653d0cfc4056d811f025c45ddfa6e6fe' +
      'c702f054b409d6f28dd0a3233e498da41a3e75c5630eedbe22fe254e33a1b0e9f6b9826675bec7d01a845658dc9c3975' +
      '45401d40b9f46c7a400ee1b8f81ca0a60d1a397a1028bff5d2ef5066126842fb8da4197632bdb54ff6633f86bbc836e6' +
      '40d4d898',
  },
] as const;
