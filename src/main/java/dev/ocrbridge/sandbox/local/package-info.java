/**
 * The sandbox's local recognizers: real fields for both actions with no cloud account. Tesseract 5 (through
 * JavaCPP, natives for linux-x86_64, language data packed in the jar by the build) reads the text, ZXing finds a
 * health code's QR code (whose hue is the code's colour), and the layout parsers ({@link
 * dev.ocrbridge.sandbox.local.HealthCodeLayout}, {@link dev.ocrbridge.sandbox.local.KoreanCardLayout}) turn lines
 * into Tencent's fields. Uses the pure core and the sandbox's {@link dev.ocrbridge.recognizer.Recognizer} seam only.
 * Never logs what it reads: text lines print only their geometry.
 */
package dev.ocrbridge.sandbox.local;
