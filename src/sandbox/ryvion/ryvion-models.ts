/** A model the emulator serves, with its price in micro-CAD per token (sandbox prices, not Ryvion's). */
export interface EmulatedModel {
  id: string;
  kind: 'chat' | 'embedding';
  created: number;
  microCadPerToken: number;
}

/** The models of Ryvion's reference: three chat models and one embedding model. */
export const models: readonly EmulatedModel[] = [
  { id: 'phi-4', kind: 'chat', created: 1_736_208_000, microCadPerToken: 0.4 },
  { id: 'ryvion-llama-3.2-3b', kind: 'chat', created: 1_727_222_400, microCadPerToken: 0.15 },
  { id: 'tinyllama', kind: 'chat', created: 1_704_067_200, microCadPerToken: 0.05 },
  { id: 'all-MiniLM-L6-v2', kind: 'embedding', created: 1_628_121_600, microCadPerToken: 0.02 },
];

export const modelById = (id: unknown) => models.find((model) => model.id === id);

/** The embedding model, which knowledge bases use too. */
export const embeddingModel = models.find((model) => model.kind === 'embedding')!;

/** $0.01 CAD per knowledge-base search. */
export const searchMicroCad = 10_000;
