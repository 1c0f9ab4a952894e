package dev.ocrbridge.request;

import dev.ocrbridge.outbox.Outbox;

/** For WallsTest only: a core class that uses the service's outbox, the kind of arrow the walls must refuse. */
public final class UpwardArrow {

    private UpwardArrow() {
    }

    public static Class<?> reachesUp() {
        return Outbox.class;
    }
}
