import { baiduAccessTokenPlugin } from './baidu-access-token.js';
import { sparkWsUrlPlugin } from './spark-ws-url.js';
import { tencentTc3Plugin } from './tencent-tc3.js';
import type { AuthPluginFactory } from './types.js';
import { zhipuJwtPlugin } from './zhipu-jwt.js';

/** Every auth plugin a template can name in `auth: { type: plugin, plugin: <name> }`. */
export const AUTH_PLUGINS: Readonly<Record<string, AuthPluginFactory>> = {
  [zhipuJwtPlugin.name]: zhipuJwtPlugin,
  [baiduAccessTokenPlugin.name]: baiduAccessTokenPlugin,
  [tencentTc3Plugin.name]: tencentTc3Plugin,
  [sparkWsUrlPlugin.name]: sparkWsUrlPlugin,
};

/** Registered plugin names. */
export const AUTH_PLUGIN_NAMES: readonly string[] = Object.keys(AUTH_PLUGINS);
