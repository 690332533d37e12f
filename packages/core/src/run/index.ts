export * from './run-plan.js';
export * from './estimate-plan.js';
export * from './run-benchmark.js';
export * from './replay-run.js';
export * from './score-judgments.js';
export * from './build-run-results.js';
export { rubricJudgeProtocol, panelAggregator } from './judge-protocol.js';
export { engineStoreWithWriter } from './engine-store-with-writer.js';
export * from './run-warnings.js';
