package dev.ocrbridge.sandbox;

import java.util.HashMap;
import java.util.IllegalFormatException;
import java.util.Locale;
import java.util.Map;

/**
 * Error message texts in Tencent's two API languages. {@code X-TC-Language: en-US} selects English; anything else,
 * absence included, selects Simplified Chinese, Tencent's default.
 */
final class SandboxMessages {

    static final String EN_US = "en-US";

    private record Text(String zh, String en) {
    }

    private static final Map<String, Text> TEXTS = new HashMap<>();

    static {
        put("MissingParameter", "缺少参数 `%s`。", "The request is missing a required parameter `%s`.");
        put("InvalidAction", "接口 `%s` 不存在。", "The requested action `%s` does not exist.");
        put("NoSuchVersion", "接口版本 `%s` 不存在。", "The requested version `%s` of the API does not exist.");
        put("UnsupportedOperation", "不支持的操作:%s。", "Unsupported operation: %s.");
        put("RequestSizeLimitExceeded", "请求包大小 %d 字节超过限制 %d 字节。",
                "The request body is %d bytes, which exceeds the limit of %d bytes.");
        put("AuthFailure.InvalidAuthorization", "请求头部的 Authorization 不符合腾讯云标准:%s。",
                "The `Authorization` header does not conform to the Tencent Cloud standard: %s.");
        put("AuthFailure.SecretIdNotFound", "密钥不存在。请在控制台检查密钥是否已被删除或者禁用,如状态正常,请检查密钥是否填写正确。",
                "The SecretId is not found, please ensure that your SecretId is correct.");
        put("AuthFailure.SignatureExpire", "签名过期。Timestamp 和服务器时间相差不得超过 %d 秒。请求时间戳:%d,服务器时间:%d。",
                "Signature expired. The timestamp must be within %d seconds of the server time. "
                        + "Request timestamp: %d, server time: %d.");
        put("AuthFailure.SignatureFailure", "请求签名验证失败,请检查您的签名计算是否正确。",
                "The provided credentials could not be validated. Please check your signature is correct.");
        put("AuthFailure.TokenFailure", "Token 错误。", "The token is invalid or does not match the credential.");
        put("UnsupportedRegion", "接口 `%s` 不支持地域 `%s`。", "The action `%s` does not support the region `%s`.");
        put("ActionOffline", "接口 `%s` 已下线。", "The action `%s` is offline.");
        put("RequestLimitExceeded", "您当前每秒请求 `%d` 次,超过了每秒频率上限 `%d`,请降低调用频率。",
                "Your current request times equals to `%d` in a second, which exceeds the frequency limit `%d` "
                        + "for a second. Please reduce the frequency of calls.");
        put("InternalError", "内部错误。", "An internal error has occurred. Please retry later.");
        put("InvalidParameter", "参数错误:%s。", "Invalid parameter: %s.");
        put("InvalidParameterValue", "参数取值错误:%s。", "Invalid parameter value: %s.");
        put("InvalidParameterValue.InvalidParameterValueLimit", "参数值错误:`%s` %s。",
                "The value of parameter `%s` is invalid: %s.");
        put("UnknownParameter", "未知参数 `%s`。", "The parameter `%s` is not recognized.");
        put("LimitExceeded.TooLargeFileError", "文件内容太大:Base64 编码后 %d 字节,上限 %d 字节。",
                "The file is too large: %d bytes once Base64-encoded, the limit is %d bytes.");
        put("FailedOperation.ImageDecodeFailed", "图片解码失败。", "Failed to decode the image.");
        put("InvalidParameter.EngineImageDecodeFailed", "图片解码失败。", "The engine failed to decode the image.");
        put("FailedOperation.EmptyImageError", "图片内容为空。", "The image is empty.");
        put("FailedOperation.DownLoadError", "文件下载失败。", "Failed to download the file.");
        put("FailedOperation.ImageNoText", "图片中未检测到文本。", "No text was detected in the image.");
        put("FailedOperation.ImageSizeTooLarge", "图片尺寸过大,请参考输入参数中关于图片大小限制的说明。",
                "The image is too large; see the size limits of the input parameters.");
        put("FailedOperation.OcrFailed", "OCR识别失败。", "OCR recognition failed.");
        put("FailedOperation.UnKnowError", "未知错误。", "Unknown error.");
        put("FailedOperation.UnOpenError", "服务未开通。", "The service is not activated.");
        put("ResourcesSoldOut.ChargeStatusException", "计费状态异常。", "The billing status is abnormal.");
        put("ServiceUnavailable", "当前服务暂时不可用。", "The service is temporarily unavailable.");
        put("AuthFailure.UnauthorizedOperation", "请求未授权。", "The request is not authorized.");
        put("UnauthorizedOperation", "未授权操作。", "Unauthorized operation.");
        put("IpNotInWhitelist", "IP 不在白名单中。", "The IP address is not in the whitelist.");
    }

    private SandboxMessages() {
    }

    private static void put(String code, String zh, String en) {
        TEXTS.put(code, new Text(zh, en));
    }

    static boolean english(String language) {
        return language != null && EN_US.equalsIgnoreCase(language.trim());
    }

    /** The message for a code in the request's language; arguments fill the {@code %} slots of the template. */
    static String text(String code, String language, Object... args) {
        boolean en = english(language);
        Text text = TEXTS.get(code);
        if (text != null) {
            try {
                return String.format(Locale.ROOT, en ? text.en() : text.zh(), args);
            } catch (IllegalFormatException e) {
                // a code forced by a fault, without the details its template wants: fall through to the generic text
            }
        }
        return en ? "The request failed with " + code + " (answered by the OCR sandbox)."
                : "请求失败:" + code + "(沙箱模拟)。";
    }

    /** A {@link SandboxError} carrying the code's message in the request's language. */
    static SandboxError error(String code, String language, Object... args) {
        return new SandboxError(code, text(code, language, args));
    }
}
