/**
 * One image on its way through the standalone service's recognition route: the job (its source, SHA-256 and
 * answer), the local checks that cost no call, the route's headers and the service's {@code ocr.*} settings.
 */
package dev.ocrbridge.recognition;
