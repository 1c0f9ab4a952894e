package dev.ocrbridge.operations;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the intake channels (IMAP, SFTP) reach their servers: DOWN from a channel's first failed poll until a
 * poll of it succeeds again, whatever happens in between (back-off pauses, Camel resetting its own error
 * counters), so that a monitor sampling at any moment sees DOWN while the channel is away.
 *
 * <p>It also writes the only log lines of an outage: one WARN when a channel goes away, with the cause's class
 * and a short message ({@link CauseSummary}), and one INFO when it comes back. Fed by the channels' poll
 * strategies and exception handler, never by a log appender.
 *
 * <p>A channel halted for a failure of its own ({@link ChannelHalts}: a refused login, a rejected host key) is DOWN
 * here too, named as a channel halt: the actions themselves are not halted ({@link OcrHealthCheck} stays UP).
 */
public class ChannelHealthCheck extends AbstractHealthCheck {

    public static final String ID = "ocrbridge-channels";

    private static final Logger LOG = LoggerFactory.getLogger(ChannelHealthCheck.class);

    /** An intake route that cannot reach its server. */
    public record Outage(String channel, Instant since, String cause, long failedPolls) {
    }

    private final Map<String, Outage> outages = new ConcurrentHashMap<>();
    /** Failures ever recorded per route: a poll that saw one after it began did not succeed as a whole. */
    private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
    private ChannelHalts channelHalts;

    public ChannelHealthCheck() {
        super("ocrbridge", ID);
    }


    @Override
    public boolean isLiveness() {
        // a server that is away is not brought back by restarting this process
        return false;
    }

    /** A mark to give {@link #pollSucceeded} when the poll ends: failures recorded after it spoil the poll. */
    public long pollStarted(String routeId) {
        return counter(routeId).get();
    }

    /** A poll, or a step of one (a download, a remote move), failed because the channel's server is away. */
    public void failed(String routeId, String channel, Throwable cause) {
        counter(routeId).incrementAndGet();
        String summary = CauseSummary.of(cause);
        boolean[] wentAway = {false};
        outages.compute(routeId, (id, before) -> {
            if (before == null) {
                wentAway[0] = true;
                return new Outage(channel, Instant.now(), summary, 1);
            }
            return new Outage(before.channel(), before.since(), summary, before.failedPolls() + 1);
        });
        if (wentAway[0]) {
            LOG.warn("{} intake {} cannot poll its server ({}); trying again on later polls, health is DOWN until "
                    + "one succeeds", channel, routeId, summary);
        }
    }

    /** The poll that began at {@code mark} ended without error: the channel is back unless a step of it failed. */
    public void pollSucceeded(String routeId, long mark) {
        if (counter(routeId).get() != mark) {
            return;
        }
        Outage was = outages.remove(routeId);
        if (was != null) {
            LOG.info("{} intake {} polls its server again, after {} s and {} failed attempt(s)", was.channel(),
                    routeId, Duration.between(was.since(), Instant.now()).toSeconds(), was.failedPolls());
        }
    }

    public Map<String, Outage> outages() {
        return Map.copyOf(outages);
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Map<String, Outage> now = new TreeMap<>(outages);
        Map<String, ChannelHalts.Halt> halts = channelHalts == null ? Map.of() : new TreeMap<>(channelHalts.halted());
        if (now.isEmpty() && halts.isEmpty()) {
            builder.up();
            return;
        }
        StringBuilder message = new StringBuilder();
        halts.forEach((channel, halt) -> {
            builder.detail("channel." + channel + ".halted", halt.code());
            builder.detail("channel." + channel + ".since", halt.since().toString());
            message.append(message.length() == 0 ? "" : "; ").append("channel ").append(channel)
                    .append(" halted (").append(halt.code()).append("): ").append(halt.reason())
                    .append(" since ").append(halt.since()).append("; the actions and their other channels go on;")
                    .append(" resume with POST /ocrbridge/channels/").append(channel).append("/resume");
        });
        now.forEach((routeId, outage) -> {
            builder.detail(routeId + ".since", outage.since().toString());
            builder.detail(routeId + ".cause", outage.cause());
            builder.detail(routeId + ".failedAttempts", outage.failedPolls());
            message.append(message.length() == 0 ? "" : "; ").append(outage.channel()).append(" intake ")
                    .append(routeId).append(" cannot poll its server since ").append(outage.since())
                    .append(" (").append(outage.cause()).append(')');
        });
        builder.message(message.toString());
        builder.down();
    }

    public void setChannelHalts(ChannelHalts channelHalts) {
        this.channelHalts = channelHalts;
    }

    private AtomicLong counter(String routeId) {
        return failures.computeIfAbsent(routeId, r -> new AtomicLong());
    }
}
