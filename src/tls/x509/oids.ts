// X.509 OIDs we name, as data. Names follow Wireshark's (id-at-*, id-ce-*, id-kp-*, ...) so a
// display value reads like tshark's. A local table until src/registry's generated `oidName` lands.

/** OID → name. */
export const OID_NAMES: ReadonlyMap<string, string> = new Map([
  // Attribute types (X.520, RFC 5280 §4.1.2.4, RFC 4519)
  ['2.5.4.3', 'id-at-commonName'], ['2.5.4.4', 'id-at-surname'], ['2.5.4.5', 'id-at-serialNumber'],
  ['2.5.4.6', 'id-at-countryName'], ['2.5.4.7', 'id-at-localityName'], ['2.5.4.8', 'id-at-stateOrProvinceName'],
  ['2.5.4.9', 'id-at-streetAddress'], ['2.5.4.10', 'id-at-organizationName'], ['2.5.4.11', 'id-at-organizationalUnitName'],
  ['2.5.4.12', 'id-at-title'], ['2.5.4.15', 'id-at-businessCategory'], ['2.5.4.17', 'id-at-postalCode'],
  ['2.5.4.42', 'id-at-givenName'], ['2.5.4.43', 'id-at-initials'], ['2.5.4.46', 'id-at-dnQualifier'],
  ['2.5.4.65', 'id-at-pseudonym'], ['2.5.4.97', 'id-at-organizationIdentifier'],
  ['1.2.840.113549.1.9.1', 'pkcs-9-at-emailAddress'], ['0.9.2342.19200300.100.1.25', 'dc'],
  ['0.9.2342.19200300.100.1.1', 'userid'],
  ['1.3.6.1.4.1.311.60.2.1.1', 'jurisdictionOfIncorporationLocalityName'],
  ['1.3.6.1.4.1.311.60.2.1.2', 'jurisdictionOfIncorporationStateOrProvinceName'],
  ['1.3.6.1.4.1.311.60.2.1.3', 'jurisdictionOfIncorporationCountryName'],
  // Public key and signature algorithms (RFC 3279, 4055, 5758, 8410, FIPS 204)
  ['1.2.840.113549.1.1.1', 'rsaEncryption'], ['1.2.840.113549.1.1.4', 'md5WithRSAEncryption'],
  ['1.2.840.113549.1.1.5', 'sha1WithRSAEncryption'], ['1.2.840.113549.1.1.10', 'id-RSASSA-PSS'],
  ['1.2.840.113549.1.1.11', 'sha256WithRSAEncryption'], ['1.2.840.113549.1.1.12', 'sha384WithRSAEncryption'],
  ['1.2.840.113549.1.1.13', 'sha512WithRSAEncryption'], ['1.2.840.113549.1.1.14', 'sha224WithRSAEncryption'],
  ['1.2.840.113549.1.1.2', 'md2WithRSAEncryption'],
  ['1.2.840.10045.2.1', 'id-ecPublicKey'], ['1.2.840.10045.4.1', 'ecdsa-with-SHA1'],
  ['1.2.840.10045.4.3.1', 'ecdsa-with-SHA224'], ['1.2.840.10045.4.3.2', 'ecdsa-with-SHA256'],
  ['1.2.840.10045.4.3.3', 'ecdsa-with-SHA384'], ['1.2.840.10045.4.3.4', 'ecdsa-with-SHA512'],
  ['1.2.840.10040.4.1', 'id-dsa'], ['1.2.840.10040.4.3', 'id-dsa-with-sha1'], ['1.2.840.10046.2.1', 'dhpublicnumber'],
  ['1.3.101.110', 'id-X25519'], ['1.3.101.111', 'id-X448'], ['1.3.101.112', 'id-Ed25519'], ['1.3.101.113', 'id-Ed448'],
  ['2.16.840.1.101.3.4.3.17', 'id-ml-dsa-44'], ['2.16.840.1.101.3.4.3.18', 'id-ml-dsa-65'],
  ['2.16.840.1.101.3.4.3.19', 'id-ml-dsa-87'],
  ['2.16.840.1.101.3.4.2.1', 'sha256'], ['2.16.840.1.101.3.4.2.2', 'sha384'], ['2.16.840.1.101.3.4.2.3', 'sha512'],
  ['1.3.14.3.2.26', 'sha1'], ['1.2.840.113549.1.1.8', 'id-mgf1'],
  // Named curves (RFC 5480 §2.1.1.1)
  ['1.2.840.10045.3.1.7', 'secp256r1'], ['1.3.132.0.34', 'secp384r1'], ['1.3.132.0.35', 'secp521r1'],
  ['1.3.132.0.10', 'secp256k1'], ['1.2.840.10045.3.1.1', 'secp192r1'], ['1.3.132.0.33', 'secp224r1'],
  ['1.3.36.3.3.2.8.1.1.7', 'brainpoolP256r1'], ['1.3.36.3.3.2.8.1.1.11', 'brainpoolP384r1'],
  ['1.3.36.3.3.2.8.1.1.13', 'brainpoolP512r1'],
  // Certificate extensions (RFC 5280 §4.2, RFC 6962)
  ['2.5.29.14', 'id-ce-subjectKeyIdentifier'], ['2.5.29.15', 'id-ce-keyUsage'], ['2.5.29.16', 'id-ce-privateKeyUsagePeriod'],
  ['2.5.29.17', 'id-ce-subjectAltName'], ['2.5.29.18', 'id-ce-issuerAltName'], ['2.5.29.19', 'id-ce-basicConstraints'],
  ['2.5.29.30', 'id-ce-nameConstraints'], ['2.5.29.31', 'id-ce-cRLDistributionPoints'],
  ['2.5.29.32', 'id-ce-certificatePolicies'], ['2.5.29.33', 'id-ce-policyMappings'],
  ['2.5.29.35', 'id-ce-authorityKeyIdentifier'], ['2.5.29.36', 'id-ce-policyConstraints'],
  ['2.5.29.37', 'id-ce-extKeyUsage'], ['2.5.29.46', 'id-ce-freshestCRL'], ['2.5.29.54', 'id-ce-inhibitAnyPolicy'],
  ['2.5.29.32.0', 'anyPolicy'],
  ['1.3.6.1.5.5.7.1.1', 'id-pe-authorityInfoAccess'], ['1.3.6.1.5.5.7.1.11', 'id-pe-subjectInfoAccess'],
  ['1.3.6.1.5.5.7.1.24', 'id-pe-tlsfeature'],
  ['1.3.6.1.4.1.11129.2.4.2', 'SignedCertificateTimestampList'], ['1.3.6.1.4.1.11129.2.4.3', 'CT Precertificate Poison'],
  ['2.16.840.1.113730.1.1', 'netscape-cert-type'], ['2.16.840.1.113730.1.13', 'netscape-comment'],
  // Key purposes, access methods, policy qualifiers (RFC 5280 §4.2.1.12, §4.2.2.1, §4.2.1.4)
  ['1.3.6.1.5.5.7.3.1', 'id-kp-serverAuth'], ['1.3.6.1.5.5.7.3.2', 'id-kp-clientAuth'],
  ['1.3.6.1.5.5.7.3.3', 'id-kp-codeSigning'], ['1.3.6.1.5.5.7.3.4', 'id-kp-emailProtection'],
  ['1.3.6.1.5.5.7.3.8', 'id-kp-timeStamping'], ['1.3.6.1.5.5.7.3.9', 'id-kp-OCSPSigning'],
  ['2.5.29.37.0', 'anyExtendedKeyUsage'],
  ['1.3.6.1.5.5.7.48.1', 'id-ad-ocsp'], ['1.3.6.1.5.5.7.48.2', 'id-ad-caIssuers'],
  ['1.3.6.1.5.5.7.2.1', 'id-qt-cps'], ['1.3.6.1.5.5.7.2.2', 'id-qt-unotice'],
  // CA/Browser Forum policies
  ['2.23.140.1.2.1', 'domain-validated'], ['2.23.140.1.2.2', 'organization-validated'],
  ['2.23.140.1.2.3', 'individual-validated'], ['2.23.140.1.1', 'extended-validation'],
]);

/** RFC 4514 §3 short names (and common additions) of attribute types, for name strings. */
export const ATTRIBUTE_SHORT: ReadonlyMap<string, string> = new Map([
  ['2.5.4.3', 'CN'], ['2.5.4.6', 'C'], ['2.5.4.7', 'L'], ['2.5.4.8', 'ST'], ['2.5.4.9', 'STREET'],
  ['2.5.4.10', 'O'], ['2.5.4.11', 'OU'], ['0.9.2342.19200300.100.1.25', 'DC'], ['0.9.2342.19200300.100.1.1', 'UID'],
  ['2.5.4.5', 'serialNumber'], ['1.2.840.113549.1.9.1', 'emailAddress'], ['2.5.4.4', 'SN'], ['2.5.4.42', 'GN'],
  ['2.5.4.12', 'title'], ['2.5.4.17', 'postalCode'], ['2.5.4.15', 'businessCategory'],
]);

/** The name of an OID, or undefined. */
export function oidName(oid: string): string | undefined {
  return OID_NAMES.get(oid);
}

/** `2.5.4.3 (id-at-commonName)`, or the bare OID when we have no name. */
export function oidDisplay(oid: string): string {
  const name = oidName(oid);
  return name ? `${oid} (${name})` : oid;
}
