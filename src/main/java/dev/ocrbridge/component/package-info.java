/** The {@code tencent-ocr} Camel component: endpoint, configuration, headers, producer and health check. */
package dev.ocrbridge.component;
