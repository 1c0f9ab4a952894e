package dev.ocrbridge.intake;

import org.apache.camel.Exchange;
import org.apache.camel.processor.aggregate.UseOriginalAggregationStrategy;

/**
 * The mail route's split strategy: keeps the original mail exchange and propagates a failure (a halt), like
 * the split's default, and records what became of each attachment for the optional reply. It sees every
 * attachment's exchange, dead-lettered ones included (a handled error ends that exchange's own route).
 */
public class MailOutcomeAggregation extends UseOriginalAggregationStrategy {

    public MailOutcomeAggregation() {
        super(true);
    }

    private MailOutcomeAggregation(Exchange original) {
        super(original, true);
    }

    @Override
    public UseOriginalAggregationStrategy newInstance(Exchange original) {
        return new MailOutcomeAggregation(original);
    }

    @Override
    public Exchange aggregate(Exchange oldExchange, Exchange newExchange) {
        if (newExchange != null) {
            MailAttachments.recordOutcome(newExchange);
        }
        return super.aggregate(oldExchange, newExchange);
    }
}
