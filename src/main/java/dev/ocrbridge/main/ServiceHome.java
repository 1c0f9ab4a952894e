package dev.ocrbridge.main;

import java.nio.file.Path;

/**
 * Where the standalone service finds its {@code config/} and {@code routes/}, and what a relative
 * {@code ocrbridge.data-dir} is relative to: the install folder named by {@code -Docrbridge.home} (which
 * {@code bin/ocrbridge} of the distribution sets, so the service runs from any working directory), else the working
 * directory ({@code java -jar target/ocrbridge.jar} from the repository's root).
 */
final class ServiceHome {

    static final String PROPERTY = "ocrbridge.home";

    private final Path dir;

    private ServiceHome(Path dir) {
        this.dir = dir;
    }

    static ServiceHome fromSystemProperties() {
        String home = System.getProperty(PROPERTY);
        return new ServiceHome(home == null || home.isBlank() ? null : Path.of(home).toAbsolutePath().normalize());
    }

    /** True when an install folder was named; without one every path stays relative to the working directory. */
    boolean isSet() {
        return dir != null;
    }

    /** A path under the home: absolute when one is set, else relative to the working directory as given. */
    Path resolve(String relative) {
        return dir == null ? Path.of(relative) : dir.resolve(relative);
    }

    /** {@code config/application.properties}, as a Camel resource that may be missing. */
    String propertiesLocation() {
        return "file:" + resolve("config/application.properties") + ";optional=true";
    }

    /** The XML routes, as camel-main's routes-include-pattern. */
    String routesPattern() {
        return "file:" + resolve("routes") + "/*.xml";
    }

    /** A data folder: a relative one is under the home when one is set; an absolute one is as given. */
    String dataDir(String configured) {
        Path p = Path.of(configured);
        return p.isAbsolute() || dir == null ? configured : dir.resolve(p).toString();
    }
}
