package org.nodeprocessexporter.collector;

import java.io.IOException;

/** Where a {@link StreamedFamily} writes its samples. */
public interface SampleWriter {
    /**
     * One sample: the value of the family's first label, then the values of the others in the
     * order of the family's label names. A value may be a reused buffer (e.g. a
     * {@link StringBuilder}): it is written out before this returns.
     */
    void sample(double value, LabelValue first, CharSequence... rest) throws IOException;

    /** One sample, with the values of all labels in the order of the family's label names. */
    void sample(double value, String... values) throws IOException;
}
