/**
 * The call to a Tencent Cloud API 3.0 endpoint: the public TC3-HMAC-SHA256 signing processor, the quota pacer per
 * account and action, the streamed request body held back until its turn, and camel-http.
 */
package dev.ocrbridge.client;
