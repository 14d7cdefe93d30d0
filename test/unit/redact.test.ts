// Redaction removes secrets from what leaves the process and changes nothing else: secrets by value (registered
// values, PEM private keys, Authorization headers) and by key on the same line only.
// Stand-ins: none.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { registerSecret, scrub, scrubDeep } from '../../lib/redact.ts';
import { ctxFor, judge } from '../helpers/facts.ts';

const KUBELET_129 = readFileSync(new URL('../../fixtures/kubeadm/kubelet-config-1.29.yaml', import.meta.url), 'utf8');

/** A key that names no secret, including the ones that begin like one (auth…, token…, secret…). */
const plainKey = fc.oneof(
  fc.constantFrom(
    'authentication',
    'authorization',
    'anonymous',
    'webhook',
    'x509',
    'mode',
    'enabled',
    'cacheTTL',
    'tokenFile',
    'tokenTTL',
    'secretName',
    'secretRef',
    'authMode',
    'passwordFile',
    'tokenRequest',
    'bootstrapTokens',
    'usages',
    'clientCAFile',
    'tlsPrivateKeyFile',
    'serviceAccountKeyFile',
    'data',
    'kind',
    'apiVersion',
    'ttl',
  ),
  fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9_.-]{0,12}$/).filter((k) => !/(password|passwd|secret|token|auth|bearer|private[_-]?key|key[_-]?data)$/i.test(k)),
);
const scalar = fc.oneof(
  fc.boolean(),
  fc.integer(),
  fc.constantFrom('0s', 'Webhook', 'systemd', '/etc/kubernetes/pki/ca.crt', '10.96.0.10', 'cluster.local', ''),
  fc.string({ maxLength: 20 }),
);
const { doc } = fc.letrec((tie) => ({
  doc: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('doc'), { maxLength: 4 }),
    fc.dictionary(plainKey, tie('doc'), { maxKeys: 6 }),
  ),
}));

describe('redaction', () => {
  it('a document without secrets comes out byte-identical (YAML block and flow style, JSON)', () => {
    fc.assert(
      fc.property(fc.dictionary(plainKey, doc, { minKeys: 1, maxKeys: 8 }), fc.constantFrom('block', 'flow', 'json'), (d, style) => {
        const text = style === 'json' ? JSON.stringify(d, null, 2) : stringify(d, style === 'flow' ? { collectionStyle: 'flow' } : {});
        expect(scrub(text)).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it("kubeadm 1.29's kubelet-config (authentication:/anonymous: on separate lines) is left as it is, and KUBELET-CONFIG judges it", () => {
    expect(KUBELET_129).toMatch(/^authentication:\n {2}anonymous:\n/m);
    expect(scrub(KUBELET_129)).toBe(KUBELET_129);
    expect(scrubDeep({ data: { kubelet: KUBELET_129 } })).toEqual({ data: { kubelet: KUBELET_129 } });
    const snapshot = { server: 'https://10.0.0.1:6443', health: {}, configMaps: { 'kubelet-config': { ok: true, data: { kubelet: KUBELET_129 } } } };
    const ctx = { ...ctxFor([]), extra: { cluster: { snapshot } } };
    const r = judge('KUBELET-CONFIG', ctx, '*');
    expect(r).toMatchObject({ status: 'pass', observed: 'systemd' });
    const wrong = {
      ...ctx,
      extra: {
        cluster: {
          snapshot: {
            ...snapshot,
            configMaps: { 'kubelet-config': { ok: true, data: { kubelet: KUBELET_129.replace('cgroupDriver: systemd', 'cgroupDriver: cgroupfs') } } },
          },
        },
      },
    };
    expect(judge('KUBELET-CONFIG', wrong, '*')).toMatchObject({ status: 'fail', observed: 'cgroupfs' });
  });

  it('removes secrets by key on the same line, in YAML, JSON, TOML, flags and env', () => {
    expect(scrub('password: hunter2x')).toBe('password: <redacted>');
    expect(scrub('  token: abcdef.0123456789abcdef\n  ttl: 24h0m0s')).toBe('  token: <redacted>\n  ttl: 24h0m0s');
    expect(scrub('{"auth": "dXNlcjpwYXNz", "email": "a@b"}')).toBe('{"auth": "<redacted>", "email": "a@b"}');
    expect(scrub("    password = 'Harbor12345'")).toBe("    password = '<redacted>'");
    expect(scrub('--bootstrap-token=abcdef.0123456789abcdef --v=2')).toBe('--bootstrap-token=<redacted> --v=2');
    expect(scrub('KV_REGISTRY_PASSWORD=s3cr3t!')).toBe('KV_REGISTRY_PASSWORD=<redacted>');
    expect(scrub('client-key-data: LS0tLS1CRUdJTiBSU0E=')).toBe('client-key-data: <redacted>');
    expect(scrub('Authorization: Bearer eyJhbGciOi.x.y')).toBe('Authorization: Bearer <redacted>');
  });

  it('never lets a key take its value from the next line', () => {
    expect(scrub('token:\n  name: x')).toBe('token:\n  name: x');
    expect(scrub('password =\nnext = 1')).toBe('password =\nnext = 1');
    expect(scrub('Authorization:\nBearer x')).toBe('Authorization:\nBearer x');
  });

  it('removes secrets by value wherever they appear, and PEM private keys whole', () => {
    registerSecret('Reg1stered-PLANTED');
    expect(scrub('user admin:Reg1stered-PLANTED@harbor')).toBe('user admin:<redacted>@harbor');
    const pem = '-----BEGIN RSA PRIVATE KEY-----\nMIIEow\nAbC=\n-----END RSA PRIVATE KEY-----';
    expect(scrub(`key:\n${pem}\nafter`)).toBe('key:\n<redacted private key>\nafter');
  });

  it('is linear on a hostile line (1 MB of word characters ending in a secret word)', () => {
    const line = `${'a'.repeat(1_000_000)}token`;
    const t0 = performance.now();
    expect(scrub(line)).toBe(line);
    expect(performance.now() - t0).toBeLessThan(2_000);
  });
});
