package dev.ocrbridge.sandbox;

import com.tencentcloudapi.common.CommonClient;
import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;
import com.tencentcloudapi.common.profile.Language;
import com.tencentcloudapi.ocr.v20181119.OcrClient;
import dev.ocrbridge.actions.OcrAction;

/**
 * The official SDK pointed at a sandbox the documented way: plain http through a proxy at the sandbox, endpoint
 * left at ocr.tencentcloudapi.com (so the SDK signs {@code Host: ocr.tencentcloudapi.com} and sends an
 * absolute-form request line).
 */
final class SdkSupport {

    private SdkSupport() {
    }

    static ClientProfile profile(int port, Language language) {
        HttpProfile http = new HttpProfile();
        http.setProtocol("http://");
        http.setProxyHost("127.0.0.1");
        http.setProxyPort(port);
        http.setConnTimeout(5);
        http.setReadTimeout(20);
        ClientProfile profile = new ClientProfile();
        profile.setHttpProfile(http);
        profile.setLanguage(language);
        return profile;
    }

    static OcrClient ocr(int port, Credential credential) {
        return new OcrClient(credential, "ap-guangzhou", profile(port, Language.EN_US));
    }

    static CommonClient common(int port, Credential credential, String region) {
        return new CommonClient(OcrAction.SERVICE, OcrAction.VERSION, credential, region,
                profile(port, Language.EN_US));
    }
}
