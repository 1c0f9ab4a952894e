package dev.ocrbridge.ingestion;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the file-drop consumer to regular files that really are in the inbox: a symbolic link (which could
 * point anywhere on the machine) is never followed, and stays where it is, reported once.
 */
public class InboxFileFilter implements GenericFileFilter<Object> {

    private static final Logger LOG = LoggerFactory.getLogger(InboxFileFilter.class);
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    @Override
    public boolean accept(GenericFile<Object> file) {
        if (file.isDirectory()) {
            return false;
        }
        Path path = Path.of(file.getAbsoluteFilePath());
        if (Files.isSymbolicLink(path)) {
            if (reported.add(path.toString())) {
                LOG.warn("Ignoring a symbolic link in the inbox ({}): links are never followed", path.getParent());
            }
            return false;
        }
        return true;
    }
}
