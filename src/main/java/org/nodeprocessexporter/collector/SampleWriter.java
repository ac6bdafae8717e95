package org.nodeprocessexporter.collector;

import java.io.IOException;

/** Where a {@link StreamedFamily} writes its samples. */
public interface SampleWriter {
    /**
     * One sample: the value of the family's first label, then the values of the others in the
     * order of the family's label names.
     */
    void sample(double value, LabelValue first, String... rest) throws IOException;

    /** One sample, with the values of all labels in the order of the family's label names. */
    void sample(double value, String... values) throws IOException;
}
