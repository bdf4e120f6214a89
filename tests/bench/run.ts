// `npm run bench [-- name ...] [-- --quick]`: runs the benchmarks (all, or the ones named),
// prints one table of figures against their targets and writes them to results/latest.json.
// Missed targets do not fail the run; a benchmark that crashes does (exit code 1).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleBenchmark } from './bundle';
import { canvasBenchmark } from './canvas';
import { clusterBenchmark } from './cluster';
import { ioBenchmark } from './io';
import { removeTempDirs } from './lib/workspace';
import { persistenceBenchmark } from './persistence';
import { presentBenchmark } from './present';
import { roomsBenchmark } from './rooms';
import { syncBenchmark } from './sync';
import { renderTable } from './lib/report';
import { isMet, type Benchmark, type BenchOptions, type Figure } from './types';

const BENCHMARKS: Benchmark[] = [canvasBenchmark, syncBenchmark, roomsBenchmark, persistenceBenchmark, ioBenchmark, presentBenchmark, bundleBenchmark, clusterBenchmark];
const RESULTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');

function usage(): string {
  return [
    'usage: npm run bench [-- [--quick] [name ...]]',
    '  --quick   smoke run: small sizes and short windows (figures not comparable)',
    ...BENCHMARKS.map((b) => `  ${b.name.padEnd(12)}${b.description}`),
  ].join('\n');
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function machine() {
  const cpu = os.cpus()[0]?.model ?? 'unknown';
  return { cpu, cores: os.cpus().length, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: os.platform() };
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(usage());
    return 0;
  }
  const quick = args.includes('--quick');
  const names = args.filter((a) => !a.startsWith('--'));
  const unknown = names.filter((n) => !BENCHMARKS.some((b) => b.name === n));
  if (unknown.length > 0) {
    console.error(`unknown benchmark(s): ${unknown.join(', ')}\n${usage()}`);
    return 2;
  }
  const selected = names.length === 0 ? BENCHMARKS : BENCHMARKS.filter((b) => names.includes(b.name));
  const options: BenchOptions = { quick, log: (line) => console.error(line) };

  const startedAt = new Date();
  const loadBefore = os.loadavg()[0]!;
  // Other work on this machine skews every figure; say so up front.
  if (loadBefore > 0.7) options.log(`note: load average is ${loadBefore.toFixed(2)} before the run; figures will be noisy`);
  const figures: Figure[] = [];
  const durations: Record<string, number> = {};
  let crashed = false;
  for (const benchmark of selected) {
    options.log(`== ${benchmark.name}: ${benchmark.description}${quick ? ' (quick)' : ''}`);
    const start = performance.now();
    try {
      figures.push(...(await benchmark.run(options)));
    } catch (error) {
      crashed = true;
      const message = error instanceof Error ? error.message : String(error);
      options.log(`${benchmark.name} failed: ${error instanceof Error ? error.stack : message}`);
      figures.push({ key: `${benchmark.name}.error`, name: `${benchmark.name}: failed`, value: null, unit: '', note: message });
    } finally {
      removeTempDirs();
    }
    durations[benchmark.name] = Math.round((performance.now() - start) / 1000);
    options.log(`== ${benchmark.name} took ${durations[benchmark.name]} s`);
  }

  console.log(renderTable(figures));
  console.log(`\nload average (1 min): ${loadBefore.toFixed(2)} before, ${os.loadavg()[0]!.toFixed(2)} after`);
  fs.mkdirSync(RESULTS, { recursive: true });
  const file = path.join(RESULTS, 'latest.json');
  const results = {
    startedAt: startedAt.toISOString(),
    quick,
    benchmarks: selected.map((b) => b.name),
    durationsSeconds: durations,
    machine: machine(),
    loadAverage: { before: round2(loadBefore), after: round2(os.loadavg()[0]!) },
    figures: figures.map((f) => ({ ...f, met: isMet(f) })),
  };
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nfigures written to ${path.relative(process.cwd(), file)}`);
  return crashed ? 1 : 0;
}

// Clients, browsers and servers may leave handles open; the run is over when main returns.
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    removeTempDirs();
    process.exit(1);
  },
);
