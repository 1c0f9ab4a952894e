package dev.ocrbridge.operations;

/** A sentence an operator understands, for each code that halts intake. */
final class HaltReasons {

    private HaltReasons() {
    }

    static String sentence(String code) {
        if (code.startsWith("AuthFailure.")) {
            return switch (code) {
                case "AuthFailure.MissingCredentials" -> "no SecretId/SecretKey is configured (ocr.secret-id, ocr.secret-key)";
                case "AuthFailure.SecretIdNotFound", "AuthFailure.InvalidSecretId" ->
                        "the configured SecretId is not known to Tencent Cloud";
                case "AuthFailure.SignatureFailure" -> "the signature was refused: check the SecretKey";
                case "AuthFailure.SignatureExpire" -> "the request timestamp is too far from Tencent's clock: check this machine's clock";
                case "AuthFailure.TokenFailure" -> "the session token of the temporary credentials is missing, wrong or expired";
                case "AuthFailure.UnauthorizedOperation" -> "the credentials are not allowed to call this action (CAM policy)";
                default -> "the credentials were refused (" + code + ")";
            };
        }
        return switch (code) {
            case "FailedOperation.UnOpenError" -> "the OCR service is not activated for this account";
            case "ResourcesSoldOut.ChargeStatusException" -> "the account's billing status does not allow OCR calls (arrears or no package left)";
            case "ActionOffline" -> "Tencent has taken this action offline";
            case "InvalidAction" -> "the endpoint does not know this action (retired or not offered there)";
            case "UnauthorizedOperation" -> "the account is not authorized for this operation";
            case "UnsupportedRegion" -> "the configured region does not offer this action";
            case "IpNotInWhitelist", "IpInBlacklist" -> "this machine's IP address is not allowed by the account's IP rules";
            case "Storage.WriteFailed" -> "results or originals cannot be written under the data folder (disk full or permissions)";
            case "Transport.TlsFailed" -> "the endpoint's TLS certificate was not accepted (untrusted, expired or for "
                    + "another host): check ocr.endpoint and the JVM's trust store";
            case "NoSuchVersion" -> "the endpoint does not offer API version 2018-11-19";
            case "Transport.HostKeyRejected" -> "the SFTP server's host key is not the one in the known_hosts file "
                    + "(changed key, or host not listed): check the server's fingerprint and fix "
                    + "ocrbridge.sftp.known-hosts-file before resuming";
            case "Transport.LoginRefused" -> "the SFTP or mail server refused the configured login (user name, "
                    + "password or key): fix ocrbridge.sftp.* or ocrbridge.mail.* before resuming; intake stopped "
                    + "so that repeated failed logins do not lock the account";
            default -> "the API answered " + code + ", which stops intake by configuration";
        };
    }
}
