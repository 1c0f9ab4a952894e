/**
 * Running the service: dispositions by error code (retry, reject, halt), the halt switch and its reasons, health
 * checks (actions, channels), metrics, and the operator's resume endpoint with its request guard.
 */
package dev.ocrbridge.operations;
