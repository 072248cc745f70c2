// The step runner the pipeline is written against: Inngest's step tools fit it, and so does the
// inline runner the CLI and the in-process loop use. Step results must be JSON-serialisable.

export type Steps = {
  run<T>(id: string, fn: () => Promise<T>): Promise<T>;
  sleep(id: string, ms: number): Promise<void>;
};

export const inlineSteps: Steps = {
  run: (_id, fn) => fn(),
  sleep: (_id, ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};
