/** Seed for a property test: printed so that a failure can be replayed (FC_SEED=...). */
export function propertySeed(name: string): number {
  const seed = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : (Date.now() ^ (Math.random() * 0x7fffffff)) | 0;
  console.log(`[${name}] fast-check seed ${seed} (replay with FC_SEED=${seed})`);
  return seed;
}
