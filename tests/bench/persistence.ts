import type { Benchmark } from './types';
export const persistenceBenchmark: Benchmark = { name: 'persistence', description: 'todo', async run() { return []; } };
