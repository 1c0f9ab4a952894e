/**
 * A faithful local stand-in for the Tencent Cloud OCR endpoint: same envelope, same TC3 signature checks, same
 * error codes, same per-action quotas, plus fault injection. Embedded with ocr.endpoint=sandbox, a test fixture, and a standalone server ({@link dev.ocrbridge.sandbox.SandboxMain}) any Tencent client can use.
 *
 * <p>Depends only on the pure core ({@code actions}, {@code signing}, {@code errors}), the JDK and Jackson; its
 * recognizer is the core's {@link dev.ocrbridge.recognizer.Recognizer}, the local OCR's when the class path has it.
 * It never logs image bytes, recognized fields, keys or tokens: at most the action, the code and the RequestId.
 */
package dev.ocrbridge.sandbox;
