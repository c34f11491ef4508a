/** Stable error codes returned as `code` in every error body `{ code, message, errors? }`. */
export const ErrorCode = {
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  MALFORMED_JSON: 'MALFORMED_JSON',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  NOT_FOUND: 'NOT_FOUND',
  ROUTE_NOT_FOUND: 'ROUTE_NOT_FOUND',
  METHOD_NOT_ALLOWED: 'METHOD_NOT_ALLOWED',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  TOKEN_EXPIRED: 'TOKEN_EXPIRED',
  TOKEN_INVALID: 'TOKEN_INVALID',
  REFRESH_TOKEN_INVALID: 'REFRESH_TOKEN_INVALID',
  REFRESH_TOKEN_REUSED: 'REFRESH_TOKEN_REUSED',
  FORBIDDEN: 'FORBIDDEN',
  ORG_OUT_OF_SCOPE: 'ORG_OUT_OF_SCOPE',
  ORG_NOT_FOUND: 'ORG_NOT_FOUND',
  WECHAT_CODE_INVALID: 'WECHAT_CODE_INVALID',
  WECHAT_RATE_LIMITED: 'WECHAT_RATE_LIMITED',
  WECHAT_UNAVAILABLE: 'WECHAT_UNAVAILABLE',
  SMS_CODE_INVALID: 'SMS_CODE_INVALID',
  SMS_CODE_EXPIRED: 'SMS_CODE_EXPIRED',
  SMS_TOO_FREQUENT: 'SMS_TOO_FREQUENT',
  SMS_DAILY_LIMIT: 'SMS_DAILY_LIMIT',
  SMS_LOCKED: 'SMS_LOCKED',
  IDEMPOTENCY_KEY_INVALID: 'IDEMPOTENCY_KEY_INVALID',
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
  IDEMPOTENCY_IN_PROGRESS: 'IDEMPOTENCY_IN_PROGRESS',
  RATE_LIMITED: 'RATE_LIMITED',
  ORG_INACTIVE: 'ORG_INACTIVE',
  CONSENT_REQUIRED: 'CONSENT_REQUIRED',
  ALREADY_MEMBER: 'ALREADY_MEMBER',
  APPLICATION_PENDING: 'APPLICATION_PENDING',
  APPLICATION_NOT_PENDING: 'APPLICATION_NOT_PENDING',
  NOT_A_MEMBER: 'NOT_A_MEMBER',
  TRANSFER_SAME_ORG: 'TRANSFER_SAME_ORG',
  CARD_TOKEN_INVALID: 'CARD_TOKEN_INVALID',
  CARD_TOKEN_EXPIRED: 'CARD_TOKEN_EXPIRED',
  CLAIM_ACTION_NOT_ALLOWED: 'CLAIM_ACTION_NOT_ALLOWED',
  CLAIM_STATE_CHANGED: 'CLAIM_STATE_CHANGED',
  CLAIM_CANNOT_REOPEN: 'CLAIM_CANNOT_REOPEN',
  CLAIM_NO_PARENT_ORG: 'CLAIM_NO_PARENT_ORG',
  ATTACHMENT_TOO_LARGE: 'ATTACHMENT_TOO_LARGE',
  CONFLICT: 'CONFLICT',
  INTERNAL_ERROR: 'INTERNAL_ERROR',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Default Chinese message per code; each tells the user what to do next. */
export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  VALIDATION_FAILED: '提交的内容有误，请按提示修改后重试',
  MALFORMED_JSON: '请求内容不是有效的 JSON，请检查后重试',
  UNSUPPORTED_MEDIA_TYPE: '不支持的内容类型，请以 JSON 提交',
  PAYLOAD_TOO_LARGE: '提交的内容过大，请精简后重试',
  NOT_FOUND: '找不到该内容，可能已被删除或无权查看',
  ROUTE_NOT_FOUND: '接口不存在，请升级小程序后重试',
  METHOD_NOT_ALLOWED: '不支持的请求方式',
  UNAUTHENTICATED: '请先登录',
  TOKEN_EXPIRED: '登录已过期，请重新登录',
  TOKEN_INVALID: '登录凭证无效，请重新登录',
  REFRESH_TOKEN_INVALID: '登录已失效，请重新登录',
  REFRESH_TOKEN_REUSED: '登录凭证已被使用，为保护账号安全请重新登录',
  FORBIDDEN: '没有权限进行此操作',
  ORG_OUT_OF_SCOPE: '该组织不在您的管理范围内',
  ORG_NOT_FOUND: '找不到该工会组织，请核对二维码或组织编码',
  WECHAT_CODE_INVALID: '微信登录凭证无效，请重新进入小程序',
  WECHAT_RATE_LIMITED: '微信登录过于频繁，请稍后再试',
  WECHAT_UNAVAILABLE: '微信服务暂时不可用，请稍后再试',
  SMS_CODE_INVALID: '验证码不正确，请重新输入',
  SMS_CODE_EXPIRED: '验证码已过期，请重新获取',
  SMS_TOO_FREQUENT: '验证码发送过于频繁，请 60 秒后再试',
  SMS_DAILY_LIMIT: '今天获取验证码次数已达上限，请明天再试',
  SMS_LOCKED: '验证码错误次数过多，请重新获取验证码',
  IDEMPOTENCY_KEY_INVALID: '请求标识无效，请刷新页面后重试',
  IDEMPOTENCY_KEY_REUSED: '该请求标识已用于其他内容，请刷新页面后重新提交',
  IDEMPOTENCY_IN_PROGRESS: '相同的请求正在处理中，请稍候',
  RATE_LIMITED: '操作过于频繁，请稍后再试',
  ORG_INACTIVE: '该工会组织暂停接收入会申请，请联系所在地区总工会',
  CONSENT_REQUIRED: '请阅读并同意《隐私政策》后再提交',
  ALREADY_MEMBER: '您已是工会会员，如需更换所在工会请办理会员转移',
  APPLICATION_PENDING: '您已有一份入会申请正在审核，请耐心等待结果',
  APPLICATION_NOT_PENDING: '该申请已处理，请刷新后查看',
  NOT_A_MEMBER: '您还不是工会会员，请先申请入会',
  TRANSFER_SAME_ORG: '您已在该工会，无需转移',
  CARD_TOKEN_INVALID: '会员码无效，请让会员刷新后重新出示',
  CARD_TOKEN_EXPIRED: '会员码已过期，请让会员刷新后重新出示',
  CLAIM_ACTION_NOT_ALLOWED: '当前状态下不能执行此操作，请刷新后查看',
  CLAIM_STATE_CHANGED: '诉求刚被他人处理过，请刷新后重试',
  CLAIM_CANNOT_REOPEN: '只有办结后 7 天内评分 2 分及以下的诉求可以重新办理一次',
  CLAIM_NO_PARENT_ORG: '已是最高一级工会，无法继续上报，可转交其他部门',
  ATTACHMENT_TOO_LARGE: '照片不能超过 5 MB，请压缩后重新上传',
  CONFLICT: '数据已被修改，请刷新后重试',
  INTERNAL_ERROR: '服务器开小差了，请稍后再试',
  SERVICE_UNAVAILABLE: '服务暂时不可用，请稍后再试',
};

export interface FieldError {
  field: string;
  message: string;
}

/** The one error body every API error uses. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  errors?: FieldError[];
  requestId?: string;
}
