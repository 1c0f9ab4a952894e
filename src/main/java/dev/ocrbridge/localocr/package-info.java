/**
 * Local OCR: real fields for both actions with no cloud account, behind the core's {@link
 * dev.ocrbridge.recognizer.Recognizer} SPI ({@link LocalOcrRecognizer}, found with ServiceLoader by the component's
 * in-process local recognition and by the sandbox). Tesseract 5 (through JavaCPP, natives for linux-x86_64, language
 * data from the build) reads the text, PP-OCRv4 through ONNX Runtime ({@link PpOcrReader}) a health code's lines, ZXing finds a health code's QR code (whose hue is the code's colour), and the
 * layout parsers ({@link HealthCodeLayout}, {@link KoreanCardLayout}) turn lines into Tencent's fields. Uses the pure
 * core only. Never logs what it reads: text lines print only their geometry.
 */
package dev.ocrbridge.localocr;
