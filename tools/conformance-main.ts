import { runConformance } from './conformance';

export function main(argv: string[]): number {
  return runConformance(argv, {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  });
}
