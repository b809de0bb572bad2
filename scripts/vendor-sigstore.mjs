// Bundles sigstore-js's verification packages into one ESM module with the
// browser replacements for `crypto`, `util` and `Buffer` wired in.
// Every consumer (the extension build, vitest, the conformance CLI, the bench)
// imports this one file, so the code that is tested is the code the browser runs.
// Also writes the packaged trust seeds (scripts/public-good-seed.mjs, scripts/github-trust-seed.mjs).
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { writeGithubTrustSeed } from './github-trust-seed.mjs';
import { writePublicGoodSeed } from './public-good-seed.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));

/**
 * `@sigstore/protobuf-specs` is CommonJS, so esbuild keeps every codec its index
 * re-exports. sigstore-js and Provenant use Bundle, Envelope, the common enums,
 * TrustedRoot and PublicKey; the index is replaced by one re-exporting only the
 * generated modules those live in, which leaves out `sigstore_verification`
 * (ArtifactVerificationOptions and friends: ~7 KB minified, never called).
 * The build fails if a new protobuf-specs changes the index's module list.
 */
const PROTOBUF_MODULES = ['envelope', 'sigstore_bundle', 'sigstore_common', 'sigstore_rekor', 'sigstore_trustroot'];
const PROTOBUF_UNUSED = ['sigstore_verification'];
const protobufSubset = {
  name: 'protobuf-specs-subset',
  setup(b) {
    const skip = Symbol('resolve the real index');
    b.onResolve({ filter: /^@sigstore\/protobuf-specs$/ }, async (args) => {
      if (args.pluginData === skip) return undefined;
      const real = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: skip });
      return real.errors.length > 0 ? { errors: real.errors } : { path: real.path, namespace: 'protobuf-specs-subset' };
    });
    b.onLoad({ filter: /.*/, namespace: 'protobuf-specs-subset' }, (args) => {
      const listed = [...readFileSync(args.path, 'utf8').matchAll(/require\("\.\/__generated__\/([\w/]+)"\)/g)].map((m) => m[1]).sort();
      const expected = [...PROTOBUF_MODULES, ...PROTOBUF_UNUSED].sort();
      if (listed.join() !== expected.join()) {
        return { errors: [{ text: `${args.path} re-exports ${listed.join(', ')}; expected ${expected.join(', ')}: review PROTOBUF_MODULES in scripts/vendor-sigstore.mjs` }] };
      }
      const dir = join(dirname(args.path), '__generated__');
      return {
        contents: PROTOBUF_MODULES.map((m) => `export * from ${JSON.stringify(join(dir, `${m}.js`))};`).join('\n'),
        resolveDir: dirname(args.path),
        loader: 'js',
      };
    });
  },
};

/**
 * sigstore-js re-encodes ASN.1 (`ASN1Obj.toDER`) through a ByteStream that
 * grows in 1 KiB blocks, allocating and copying two of them per node: a third
 * of its verification time (a certificate has hundreds of nodes). Replaced by a
 * writer that emits the same bytes — the tag byte, `encodeLength` of the value
 * length, then the sub-encodings or the raw value, exactly the original's
 * order and functions — into one buffer. tests/verify/asn1-der.test.ts compares
 * it with the unpatched @sigstore/core on every certificate in the fixtures and
 * BER variants of them. The build fails if the original method changes.
 */
const ORIGINAL_TO_DER = `    toDER() {
        const valueStream = new stream_1.ByteStream();
        if (this.subs.length > 0) {
            for (const sub of this.subs) {
                valueStream.appendView(sub.toDER());
            }
        }
        else {
            valueStream.appendView(this.value);
        }
        const value = valueStream.buffer;
        // Concat tag/length/value
        const obj = new stream_1.ByteStream();
        obj.appendChar(this.tag.toDER());
        obj.appendView((0, length_1.encodeLength)(value.length));
        obj.appendView(value);
        return obj.buffer;
    }`;
const ONE_BUFFER_TO_DER = `    toDER() {
        // Patched by scripts/vendor-sigstore.mjs: same bytes, one allocation.
        const chunks = [];
        const total = derChunks(this, chunks);
        const out = Buffer.alloc(total);
        let offset = 0;
        for (const chunk of chunks) {
            out.set(chunk, offset);
            offset += chunk.length;
        }
        return out;
    }`;
const DER_CHUNKS = `
// Appends the encoding of obj to chunks (tag, length, contents); returns its size.
function derChunks(obj, chunks) {
    const at = chunks.length;
    chunks.push(undefined, undefined);
    let length = 0;
    if (obj.subs.length > 0) {
        for (const sub of obj.subs) length += derChunks(sub, chunks);
    }
    else {
        chunks.push(obj.value);
        length = obj.value.length;
    }
    chunks[at] = Uint8Array.of(obj.tag.toDER());
    chunks[at + 1] = (0, length_1.encodeLength)(length);
    return 1 + chunks[at + 1].length + length;
}
`;
const asn1ToDer = {
  name: 'asn1-one-buffer-to-der',
  setup(b) {
    b.onLoad({ filter: /@sigstore[\\/]core[\\/]dist[\\/]asn1[\\/]obj\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes(ORIGINAL_TO_DER)) {
        return { errors: [{ text: `${args.path}: ASN1Obj.toDER is not the one scripts/vendor-sigstore.mjs replaces; review asn1ToDer` }] };
      }
      return { contents: source.replace(ORIGINAL_TO_DER, ONE_BUFFER_TO_DER) + DER_CHUNKS, loader: 'js' };
    });
  },
};

/**
 * The protobuf codecs carry a `toJSON` per message and per enum (~11 KB
 * minified in background.js) for *writing* bundles and trusted roots; a
 * verifier only reads them (`fromJSON`), and nothing Provenant bundles calls
 * a writer (only @sigstore/bundle's `bundleToJSON`/`envelopeToJSON`, which
 * Provenant does not use). Each writer becomes one shared function that
 * throws (a throw per writer cost ~4 KB more: 45 copies of its message), so a
 * future caller fails loudly in the tests, which run this same bundle. The
 * build fails if the generated code no longer has the shape replaced here.
 */
const MESSAGE_TO_JSON = /^ {4}toJSON\(message\) \{\n[\s\S]*?\n {4}\},$/gm;
const ENUM_TO_JSON = /^function (\w+)ToJSON\(object\) \{\n[\s\S]*?\n\}$/gm;
const protobufReadOnly = {
  name: 'protobuf-specs-read-only',
  setup(b) {
    b.onLoad({ filter: /@sigstore[\\/]protobuf-specs[\\/]dist[\\/]__generated__[\\/].*\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const writers = (source.match(/toJSON\(message\)/g) ?? []).length;
      let replaced = 0;
      const contents = source
        .replace(MESSAGE_TO_JSON, () => {
          replaced++;
          return `    toJSON: ${NOT_BUNDLED},`;
        })
        .replace(ENUM_TO_JSON, (_, name) => `function ${name}ToJSON() {\n    return ${NOT_BUNDLED}();\n}`);
      if (replaced !== writers) {
        return { errors: [{ text: `${args.path}: ${writers} toJSON writers, ${replaced} of the expected shape; review protobufReadOnly in scripts/vendor-sigstore.mjs` }] };
      }
      // Readers of messages nothing reads (below) go the same way.
      const unread = Object.entries(UNREAD_MESSAGES).find(([file]) => args.path.replaceAll('\\', '/').endsWith(`/__generated__/${file}`))?.[1] ?? [];
      let dropped = 0;
      const trimmed = contents.replace(MESSAGE_FROM_JSON, (whole, name) => {
        if (!unread.includes(name)) return whole;
        dropped++;
        return `exports.${name} = {\n    fromJSON: ${NOT_BUNDLED},`;
      });
      if (dropped !== unread.length) {
        return { errors: [{ text: `${args.path}: expected the readers of ${unread.join(', ')}; review UNREAD_MESSAGES in scripts/vendor-sigstore.mjs` }] };
      }
      return { contents: `const { ${NOT_BUNDLED} } = require(${JSON.stringify(NOT_BUNDLED_MODULE)});\n${trimmed}`, loader: 'js' };
    });
    b.onResolve({ filter: new RegExp(`^${NOT_BUNDLED_MODULE}$`) }, () => ({ path: NOT_BUNDLED_MODULE, namespace: NOT_BUNDLED_MODULE }));
    b.onLoad({ filter: /.*/, namespace: NOT_BUNDLED_MODULE }, () => ({
      contents: `export function ${NOT_BUNDLED}() {\n    throw new Error("this protobuf codec is not bundled (scripts/vendor-sigstore.mjs)");\n}\n`,
      loader: 'js',
    }));
  },
};
const NOT_BUNDLED = 'protobufCodecNotBundled';
const NOT_BUNDLED_MODULE = 'protobuf-codec-not-bundled';
const MESSAGE_FROM_JSON = /^exports\.(\w+) = \{\n {4}fromJSON\(object\) \{\n[\s\S]*?\n {4}\},$/gm;
/**
 * Messages of the bundled codec modules that neither sigstore-js nor Provenant
 * ever reads (~1.5 KB): the signing side's configuration (SigningConfig and
 * its services, ClientTrustConfig) and Rekor v2's CreateEntryRequest. Nothing
 * kept refers to them (sigstore-js reads Bundle, Envelope, the two enums and
 * Rekor v2's Entry; Provenant TrustedRoot and PublicKey), and a reader called
 * anyway throws, in the tests too.
 */
const UNREAD_MESSAGES = {
  'sigstore_trustroot.js': ['SigningConfig', 'Service', 'ServiceConfiguration', 'ClientTrustConfig'],
  'rekor/v2/entry.js': ['CreateEntryRequest'],
};

// `Buffer` comes from the injected lib/crypto/buffer.ts, which implements only
// the API sigstore-js uses today; an import of the `buffer` module would bypass
// it (and the npm package is no longer installed), so fail loudly.
const noBufferImport = {
  name: 'no-buffer-import',
  setup(b) {
    b.onResolve({ filter: /^(node:)?buffer\/?$/ }, (args) => ({
      errors: [{ text: `${args.importer} imports "${args.path}": extend lib/crypto/buffer.ts (and its differential tests) instead` }],
    }));
  },
};

// @tufjs/models calls crypto.verify with Node's `{ key, … }` form; it gets a
// thin adapter over the same implementation (lib/trust/tuf-crypto.ts).
const tufCrypto = {
  name: 'tuf-crypto',
  setup(b) {
    b.onResolve({ filter: /^crypto$/ }, (args) =>
      /[\\/]@tufjs[\\/]models[\\/]/.test(args.importer) ? { path: join(root, 'lib/trust/tuf-crypto.ts') } : undefined,
    );
  },
};

await build({
  entryPoints: [join(root, 'lib/vendor/sigstore-entry.ts')],
  outfile: join(root, 'lib/vendor/sigstore.generated.js'),
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  mainFields: ['module', 'main'],
  target: 'es2022',
  legalComments: 'none',
  logLevel: 'warning',
  external: ['node:*'],
  alias: {
    crypto: join(root, 'lib/crypto/node-crypto.ts'),
    util: join(root, 'lib/crypto/node-util.ts'),
    // @tufjs/models only uses minimatch for delegated-role path patterns; see lib/trust/path-pattern.ts.
    minimatch: join(root, 'lib/trust/path-pattern.ts'),
  },
  // protobuf-specs reads `globalThis.Buffer` at call time; point it, and every
  // bare `Buffer`, at lib/crypto/buffer.ts so Node and the browser run the same code.
  inject: [join(root, 'lib/crypto/buffer-global.ts')],
  define: { 'globalThis.Buffer': 'Buffer' },
  plugins: [tufCrypto, protobufSubset, protobufReadOnly, noBufferImport, asn1ToDer],
  // WXT minifies the worker again, but only esbuild, while it still sees the
  // modules, can shorten the CommonJS wrappers (their path keys and locals):
  // ~4.5 KB less in background.js. Class names (and so sigstore-js's error
  // `name`s) are shortened here as they already were in the extension build.
  // Whitespace is kept so stack traces in tests still point at a line.
  minifySyntax: true,
  minifyIdentifiers: true,
});

// The public-good seed (@sigstore/tuf's TUF root and its two targets), a packaged file.
writePublicGoodSeed(root, require);

// GitHub's own Sigstore instance (no public log): its seed, beside public-good's.
writeGithubTrustSeed(root);
