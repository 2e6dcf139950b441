/** A worker task for the export-queue tests: answers after `ms` (long enough to be cancelled). */
export async function run(input: { ms: number; value: number }): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, input.ms));
  return input.value;
}
