package org.ream.central.notification;

/**
 * The broker's redelivery rule for a queue (artemis/broker.xml address settings): after the
 * n-th failed delivery the message comes back after delay * multiplier^(n-1), at most
 * maxDelay, and the maxAttempts-th failure moves it to the dead-letter queue.
 */
public record RedeliveryPlan(long delayMillis, double multiplier, long maxDelayMillis, int maxAttempts) {

    /** Delay before the next attempt once attempt number {@code failedAttempt} (1-based) failed. */
    public long delayAfter(int failedAttempt) {
        double d = delayMillis * Math.pow(multiplier, Math.max(0, failedAttempt - 1));
        long delay = d >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) d;
        return maxDelayMillis > 0 ? Math.min(delay, maxDelayMillis) : delay;
    }

    /** Whether the failure of this attempt sends the message to the dead-letter queue. */
    public boolean isLast(int failedAttempt) {
        return maxAttempts > 0 && failedAttempt >= maxAttempts;
    }

    /** How long a message keeps being retried: from its first failure to its last attempt. */
    public long retryWindowMillis() {
        long total = 0;
        for (int n = 1; n < maxAttempts; n++) {
            total += delayAfter(n);
        }
        return total;
    }
}
