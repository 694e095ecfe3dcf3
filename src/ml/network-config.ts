import { z } from 'zod';

/** Settings of the dense network and its training; every one has a sensible default. */
export const networkConfigSchema = z.object({
  hiddenUnits: z.array(z.number().int().min(1).max(1024)).min(0).max(6),
  dropout: z.number().min(0).max(0.9),
  learningRate: z.number().positive().max(1),
  epochs: z.number().int().min(1).max(500),
  batchSize: z.number().int().min(1).max(65536),
  /** Early stopping on validation loss: epochs without improvement before stopping; best weights restored. */
  patience: z.number().int().min(0).max(100),
  /** Weight each class by n / (k · count) so the rare failures count as much as the many healthy samples. */
  classWeights: z.boolean(),
  seed: z.number().int().min(0).max(4294967295),
});
export type NetworkConfig = z.infer<typeof networkConfigSchema>;

export function defaultNetworkConfig(): NetworkConfig {
  return { hiddenUnits: [32, 16], dropout: 0.1, learningRate: 0.01, epochs: 40, batchSize: 256, patience: 5, classWeights: true, seed: 42 };
}
