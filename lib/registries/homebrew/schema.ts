import * as z from '../../zod';

/**
 * The parts of formulae.brew.sh's formula JSON the adapter reads (the fields
 * brew itself reads: `versions.stable`, `revision`,
 * `bottle.stable.{rebuild, files.<tag>.{url, sha256}}`; tests/fixtures/github/NOTES.md).
 */
const bottleFileSchema = z.looseObject({
  url: z.optional(z.string().check(z.maxLength(2000))),
  sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
});

export const formulaSchema = z.looseObject({
  name: z.string().check(z.minLength(1), z.maxLength(100)),
  versions: z.looseObject({ stable: z.string().check(z.minLength(1), z.maxLength(100)) }),
  revision: z.optional(z.number().check(z.int(), z.nonnegative())),
  bottle: z.optional(
    z.looseObject({
      stable: z.optional(
        z.looseObject({
          rebuild: z.optional(z.number().check(z.int(), z.nonnegative())),
          files: z.record(z.string().check(z.regex(/^[a-z0-9_]{1,40}$/)), bottleFileSchema),
        }),
      ),
    }),
  ),
});
export type Formula = z.infer<typeof formulaSchema>;

/** brew's pkg_version: the stable version, with `_<revision>` when the formula was revised. */
export function pkgVersion(formula: Formula): string {
  return formula.revision ? `${formula.versions.stable}_${formula.revision}` : formula.versions.stable;
}

export interface Bottle {
  tag: string;
  sha256: string;
  url: string | undefined;
  /** `<name>--<pkg_version>.<tag>.bottle[.<rebuild>].tar.gz` (brew `bottle.rb#extname`). */
  filename: string;
}

export function bottlesOf(formula: Formula): Bottle[] {
  const stable = formula.bottle?.stable;
  if (!stable) return [];
  const rebuild = stable.rebuild ? `.${stable.rebuild}` : '';
  return Object.entries(stable.files)
    .slice(0, 100)
    .map(([tag, f]) => ({ tag, sha256: f.sha256, url: f.url, filename: `${formula.name}--${pkgVersion(formula)}.${tag}.bottle${rebuild}.tar.gz` }));
}
