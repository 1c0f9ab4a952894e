/**
 * The redaction layer of the shipped logging configuration ({@code config/logback.xml}): every event passes it,
 * whatever its logger and level, so that no file name, path, origin, mail address, ID number, image data, key
 * or API error text reaches a log line and no line can be forged, even when an operator raises
 * {@code org.apache.camel} (or the root) to TRACE.
 *
 * <p>{@link dev.ocrbridge.logging.Redactor} is the text logic (no logging library); the logback classes around it
 * only plug it into {@code %msg} and the exception output of {@link dev.ocrbridge.logging.RedactingEncoder}.
 */
package dev.ocrbridge.logging;
