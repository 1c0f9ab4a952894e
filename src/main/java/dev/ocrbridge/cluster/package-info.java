/**
 * Cluster mode (off by default): several ocrbridge nodes share one PostgreSQL database for what must be decided once
 * for the whole account: which node takes each inbox file ({@link dev.ocrbridge.cluster.ClusterClaims}), the
 * record of answers and the images in flight ({@link dev.ocrbridge.cluster.ClusterAnswers}), and halts
 * ({@link dev.ocrbridge.cluster.ClusterHalts}). Liveness is one heartbeat row per node
 * ({@link dev.ocrbridge.cluster.ClusterNode}): whatever a node holds is released to the others when its heartbeat
 * is older than the lease.
 */
package dev.ocrbridge.cluster;
