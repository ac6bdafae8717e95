package org.nodeprocessexporter.daemon;

/**
 * An NTP server's answer to one client-mode query, with what the client derives from its four
 * timestamps, as beevik/ntp's {@code Response} (the library node_exporter uses) has them. Times are
 * Unix nanoseconds, durations nanoseconds.
 *
 * @param timeNanos           the server's transmit time, by its clock
 * @param clockOffsetNanos    how far the local clock is behind the server's
 * @param rttNanos            round-trip delay, never negative
 * @param referenceTimeNanos  when the server's clock was last set or corrected
 * @param rootDistanceNanos   (rtt + root delay) / 2 + root dispersion
 * @param minErrorNanos       the larger of the two causality violations of the timestamps, or 0
 */
public record SntpResponse(long timeNanos, long clockOffsetNanos, long rttNanos, int stratum, int leap,
                           long referenceTimeNanos, long rootDelayNanos, long rootDispersionNanos,
                           long rootDistanceNanos, long minErrorNanos, int version) {

    public static final int LEAP_ADD_SECOND = 1;
    public static final int LEAP_DEL_SECOND = 2;
    public static final int LEAP_NOT_IN_SYNC = 3;

    private static final int MAX_STRATUM = 16;
    private static final long MAX_POLL_INTERVAL_NANOS = (1L << 17) * 1_000_000_000L;
    private static final long MAX_DISPERSION_NANOS = 16 * 1_000_000_000L;

    /**
     * Why the response is not fit for time synchronization, or null when it is: the checks of
     * beevik/ntp's {@code Response.Validate}, in its order and with its messages.
     */
    public String invalidity() {
        if (stratum == 0) {
            return "kiss of death received";
        }
        if (stratum >= MAX_STRATUM) {
            return "invalid stratum in response";
        }
        if (timeNanos - referenceTimeNanos > MAX_POLL_INTERVAL_NANOS) {
            return "server clock not fresh";
        }
        // lambda of RFC 5905's packet() (appendix A.5.1.1), against MAXDISP
        if (rootDelayNanos / 2 + rootDispersionNanos > MAX_DISPERSION_NANOS) {
            return "invalid dispersion in response";
        }
        if (timeNanos < referenceTimeNanos) {
            return "invalid time reported";
        }
        if (leap == LEAP_NOT_IN_SYNC) {
            return "invalid leap second in response";
        }
        return null;
    }
}
