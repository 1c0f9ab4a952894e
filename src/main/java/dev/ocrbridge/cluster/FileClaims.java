package dev.ocrbridge.cluster;

import java.nio.file.Path;

/**
 * The file drop's claims: keys are {@code <absolute path>|<size>|<modified>}, and the path is made relative to the
 * data folder first, so that nodes which mount the shared folder at different places name a file alike.
 */
final class FileClaims extends ClusterClaims {

    private final String dataDirPrefix;

    FileClaims(ClusterNode node, Path dataDir) {
        super(node);
        this.dataDirPrefix = dataDir.toString() + "/";
    }

    private String relative(String key) {
        return "file:" + (key.startsWith(dataDirPrefix) ? key.substring(dataDirPrefix.length()) : key);
    }

    @Override
    public boolean add(String key) {
        return super.add(relative(key));
    }

    @Override
    public boolean contains(String key) {
        return super.contains(relative(key));
    }

    @Override
    public boolean remove(String key) {
        return super.remove(relative(key));
    }
}
