package dev.ocrbridge.errors;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DispositionPolicyTest {

    @ParameterizedTest
    @CsvSource({
        "RequestLimitExceeded, RETRY", "RequestLimitExceeded.UinLimitExceeded, RETRY", "InternalError, RETRY",
        "ServiceUnavailable, RETRY", "FailedOperation.UnKnowError, RETRY", "FailedOperation.DownLoadError, RETRY",
        "Transport.Timeout, RETRY", "Transport.HttpStatus502, RETRY", "Envelope.Unreadable, RETRY",
        "FailedOperation.ImageDecodeFailed, REJECT", "InvalidParameter.EngineImageDecodeFailed, REJECT",
        "FailedOperation.EmptyImageError, REJECT", "FailedOperation.ImageNoText, REJECT",
        "FailedOperation.ImageSizeTooLarge, REJECT", "LimitExceeded.TooLargeFileError, REJECT",
        "InvalidParameterValue.InvalidParameterValueLimit, REJECT", "FailedOperation.OcrFailed, REJECT",
        "AuthFailure.SignatureFailure, HALT", "AuthFailure.SecretIdNotFound, HALT", "FailedOperation.UnOpenError, HALT",
        "ResourcesSoldOut.ChargeStatusException, HALT", "ActionOffline, HALT", "InvalidAction, HALT",
        "UnauthorizedOperation, HALT", "UnsupportedRegion, HALT", "IpNotInWhitelist, HALT",
        "Something.NobodyPlannedFor, REJECT"})
    void defaultsFollowTheProductContract(String code, Disposition expected) {
        assertThat(DispositionPolicy.defaultPolicy().dispositionOf(code)).isEqualTo(expected);
    }

    @Test
    void overridesWinAndTheMostSpecificRuleApplies() {
        DispositionPolicy policy = DispositionPolicy.parse(
                "FailedOperation.OcrFailed=retry, AuthFailure.*=reject, AuthFailure.SignatureExpire=retry");
        assertThat(policy.dispositionOf("FailedOperation.OcrFailed")).isEqualTo(Disposition.RETRY);
        assertThat(policy.dispositionOf("AuthFailure.SecretIdNotFound")).isEqualTo(Disposition.REJECT);
        assertThat(policy.dispositionOf("AuthFailure.SignatureExpire")).isEqualTo(Disposition.RETRY);
        assertThat(policy.dispositionOf("InternalError")).isEqualTo(Disposition.RETRY);
    }
}
