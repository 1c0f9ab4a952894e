package dev.ocrbridge.main;

/** The configuration cannot work as written; the service refuses to start and says why, with no stack trace. */
public class StartupRefusedException extends IllegalStateException {

    public StartupRefusedException(String message) {
        super(message);
    }
}
