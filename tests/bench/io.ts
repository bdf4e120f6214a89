import type { Benchmark } from './types';
export const ioBenchmark: Benchmark = { name: 'io', description: 'todo', async run() { return []; } };
