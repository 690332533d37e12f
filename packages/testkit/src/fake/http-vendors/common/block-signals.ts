/**
 * Block signals the http-vendor fakes play, beyond the OpenAI-family ones in `BlockSignal`.
 * Each fake answers only its own signals and gives a 501 for the rest.
 */
export type HttpVendorBlockSignal =
  | 'dashscope-data-inspection' // 400 DataInspectionFailed, message "Input…" / "Output…"; stream: event:error after partial text
  | 'dashscope-custom-role' // 400 CustomRoleBlocked ("Input or output data…", stage unknown)
  | 'minimax-base-resp' // HTTP 200, base_resp 1026 (input) / 1027 (output)
  | 'minimax-sensitive-flag' // HTTP 200 answer with input_sensitive / output_sensitive true
  | 'zhipu-1301' // 400 error.code 1301 + contentFilter[{role}]; stream: finish_reason sensitive
  | 'qianfan-v1-clear-history' // HTTP 200 need_clear_history + ban_round (input)
  | 'qianfan-v1-content-filter' // finish_reason content_filter (output)
  | 'qianfan-v1-flag' // flag >= severity (default 2) on an answer (output)
  | 'hunyuan-sensitive' // FinishReason sensitive (output; stream moderation)
  | 'spark-audit'; // frame header.code 10013 (input) / 10014 after partial text (output) / 10019 with severity 19

/**
 * Names an http-vendor signal where a `BlockSignal` (fake/types.ts, which includes this union) is
 * expected, checked against the list above (kept for readability). Not typed as `BlockSignal`:
 * importing it here would make this file and fake/types.ts import each other.
 */
export function httpVendorSignal(signal: HttpVendorBlockSignal): HttpVendorBlockSignal {
  return signal;
}
