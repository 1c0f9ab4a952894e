/**
 * What the project's own HTTP servers share, with no Camel and no server library: the check that a state-changing
 * request comes from the operator and not from a web page in the operator's browser ({@link
 * dev.ocrbridge.http.BrowserRequestCheck}). Used by the sandbox's admin API and by the service's operator endpoints,
 * so it sits below both.
 */
package dev.ocrbridge.http;
