package dev.duoconformance.report;

/** The suite's own version, shown in reports so results can be traced to the suite that produced them. */
public final class Version {
    public static final String SUITE = "0.1.0";

    private Version() {}
}
