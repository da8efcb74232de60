package dev.duoconformance.behaviour;

/**
 * How long GitLab waits for the AI gateway, {@code duoSettings.aiGatewayTimeoutSeconds}: GitLab itself accepts 60 to
 * 600 seconds ({@code validates :ai_gateway_timeout_seconds, numericality: { greater_than_or_equal_to: 60,
 * less_than_or_equal_to: 600 }} in ee/app/models/ai/setting.rb), 60 by default. A value outside that range did not
 * come from GitLab's own validation (a broken or hostile answer): the suite waits as for the nearest bound, and says so.
 */
public record GatewayTimeout(int seconds, String shown) {
    public static final int DEFAULT_SECONDS = 60;
    public static final int MIN_SECONDS = 60;
    public static final int MAX_SECONDS = 600;

    /** GitLab's default, when the setting cannot be read. */
    public static GatewayTimeout byDefault() {
        return new GatewayTimeout(DEFAULT_SECONDS, DEFAULT_SECONDS + " s (GitLab's default)");
    }

    /** The setting as GitLab reported it, kept within what GitLab allows. */
    public static GatewayTimeout reported(long seconds) {
        if (seconds >= MIN_SECONDS && seconds <= MAX_SECONDS) {
            return new GatewayTimeout((int) seconds, seconds + " s");
        }
        int bound = seconds < MIN_SECONDS ? MIN_SECONDS : MAX_SECONDS;
        return new GatewayTimeout(
                bound,
                bound + " s (it reads " + seconds + ", outside the " + MIN_SECONDS + "-" + MAX_SECONDS
                        + " s GitLab allows: taken as " + bound + " s)");
    }
}
