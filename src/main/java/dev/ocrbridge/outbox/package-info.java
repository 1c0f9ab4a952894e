/**
 * Where recognition's outcomes are kept: the record of answers (every paid answer, before anything else is
 * written, reused instead of a second call), the result and error documents of the folder contract, the names
 * they get, and the atomic writes that put them in place.
 */
package dev.ocrbridge.outbox;
