export { httpVendorSignal, type HttpVendorBlockSignal } from './common/block-signals.js';
export {
  createDashScopeFakeServer,
  DASHSCOPE_GENERATION_PATH,
  type DashScopeFakeServerOptions,
} from './dashscope/create-dashscope-fake-server.js';
export {
  createMiniMaxFakeServer,
  MINIMAX_CHAT_PATH,
  type MiniMaxFakeServerOptions,
} from './minimax/create-minimax-fake-server.js';
export { createZhipuFakeServer, type ZhipuFakeServerOptions } from './zhipu/create-zhipu-fake-server.js';
export { verifyZhipuJwt, type ZhipuJwtRejection } from './zhipu/verify-zhipu-jwt.js';
export {
  createQianfanFakeServer,
  QIANFAN_CHAT_PREFIX,
  type QianfanFakeServer,
  type QianfanFakeServerOptions,
} from './qianfan/create-qianfan-fake-server.js';
export { createHunyuanFakeServer, type HunyuanFakeServerOptions } from './hunyuan/create-hunyuan-fake-server.js';
export { verifyTc3, type Tc3Rejection, type Tc3VerifyInput } from './hunyuan/verify-tc3.js';
export {
  createSparkFakeServer,
  verifySignedUrl,
  SPARK_PATHS,
  type SparkFakeServer,
  type SparkFakeServerOptions,
} from './spark/create-spark-fake-server.js';
