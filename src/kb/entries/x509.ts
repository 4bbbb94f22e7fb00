// X.509 certificate fields (RFC 5280 §4.1) with Wireshark's x509af/x509ce/x509sat names.
import { entry, type KbEntry } from '../types.ts';

const C = 'RFC 5280 §4.1';
const x = (key: string, title: string, rfc: string, what: string, read: string, pitfalls: string): KbEntry =>
  entry(key, title, rfc, key, what, read, pitfalls);

export const x509Entries: KbEntry[] = [
  x('tls.handshake.certificates_length', 'Certificates length', 'RFC 5246 §7.4.2', 'Bytes in the whole certificate list.', 'Three-byte length; each certificate inside has its own three-byte length.', ''),
  x('tls.handshake.certificate_length', 'Certificate length', 'RFC 5246 §7.4.2', 'Size of one DER certificate.', 'The DER starts with 30 82 and its own length: it should equal this minus 4.', ''),
  x('tls.handshake.certificate', 'Certificate', C, 'One DER-encoded X.509 certificate.', 'A SEQUENCE of the signed part (tbsCertificate), the signature algorithm and the signature.', 'Order matters: leaf first, each next one signs the previous.'),
  x('x509af.version', 'Certificate version', C + '.2.1', 'The X.509 version, stored as 0, 1 or 2.', '2 means v3, the only version with extensions and the one you should see.', ''),
  x('x509af.serialNumber', 'Serial number', C + '.2.2', 'The issuer\'s unique number for this certificate.', 'A big integer; revocation lists name certificates by it.', 'Two certificates from one CA with the same serial is a CA bug.'),
  x('x509af.signature_element', 'Signature algorithm (inside)', C + '.2.3', 'The algorithm the issuer used, repeated inside the signed part.', 'Must equal the outer signatureAlgorithm.', 'sha1WithRSAEncryption is rejected by current clients.'),
  x('x509af.algorithm.id', 'Algorithm OID', C + '.1.2', 'An object identifier naming an algorithm.', '1.2.840.113549.1.1.11 sha256WithRSAEncryption; 1.2.840.10045.4.3.2 ecdsa-with-SHA256.', ''),
  x('x509af.issuer', 'Issuer', C + '.2.4', 'The distinguished name of the CA that signed this certificate.', 'It must equal the subject of the next certificate in the chain.', 'A mismatch by one attribute (or by string type) breaks chain building.'),
  x('x509af.validity', 'Validity', C + '.2.5', 'The period the certificate may be used.', 'notBefore and notAfter, in UTCTime up to 2049, GeneralizedTime after.', ''),
  x('x509af.notBefore', 'Not before', C + '.2.5', 'Start of validity.', 'Compare with the capture time, not with today.', 'A freshly issued certificate on a client with a slow clock looks "not yet valid".'),
  x('x509af.notAfter', 'Not after', C + '.2.5', 'End of validity.', 'After this instant clients answer certificate_expired.', ''),
  x('x509af.subject', 'Subject', C + '.2.6', 'Who the certificate belongs to.', 'For servers the CN is legacy; clients check the subjectAltName DNS names.', ''),
  x('x509af.subjectPublicKeyInfo', 'Subject public key info', C + '.2.7', 'The public key and its algorithm.', 'rsaEncryption with its modulus size, or id-ecPublicKey with a curve.', 'RSA keys under 2048 bits are refused by modern clients.'),
  x('x509af.subjectPublicKey', 'Subject public key', C + '.2.7', 'The key bits themselves.', 'For RSA a DER SEQUENCE of modulus and exponent inside a BIT STRING.', ''),
  x('x509af.extensions', 'Extensions', C + '.2.9', 'v3 extensions: names, constraints, usages.', 'Each has an OID, an optional critical flag and a DER value.', 'An unknown critical extension must make the verifier reject the certificate.'),
  x('x509af.extension.id', 'Extension OID', C + '.2', 'Which extension this is.', '2.5.29.17 subjectAltName, 2.5.29.19 basicConstraints, 2.5.29.15 keyUsage, 2.5.29.37 extKeyUsage.', ''),
  x('x509ce.dNSName', 'DNS name', 'RFC 5280 §4.2.1.6', 'A host name the certificate is valid for.', 'A leading "*." matches exactly one label.', 'The name the client connected to (SNI) must match one of these.'),
  x('x509ce.cA', 'CA flag', 'RFC 5280 §4.2.1.9', 'Whether the certificate may sign other certificates.', 'TRUE on roots and intermediates only.', 'An intermediate without it cannot be used to build a chain.'),
  x('x509af.algorithmIdentifier_element', 'Signature algorithm', C + '.1.2', 'The algorithm of the outer signature.', 'Same OID as the inner signature field.', ''),
  x('x509af.encrypted', 'Signature value', C + '.1.3', 'The issuer\'s signature over tbsCertificate.', 'As long as the issuer\'s key (256 bytes for RSA-2048).', ''),
  x('x509sat.printableString', 'Printable string', 'RFC 5280 §4.1.2.4', 'A name attribute value in the PrintableString character set.', 'Country codes and old-style names use it.', ''),
  x('x509sat.uTF8String', 'UTF-8 string', 'RFC 5280 §4.1.2.4', 'A name attribute value in UTF-8.', 'The usual type for CN and O today.', 'Text from certificates is untrusted: wirebook shows it escaped.'),
];
