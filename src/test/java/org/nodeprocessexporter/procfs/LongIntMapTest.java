package org.nodeprocessexporter.procfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class LongIntMapTest {

    @Property
    void behavesLikeAHashMapForNonZeroKeys(@ForAll @Size(max = 300) List<@LongRange(min = -50, max = 5000) Long> keys,
                                           @ForAll @Size(max = 50) List<@LongRange(min = -50, max = 5000) Long> probes) {
        LongIntMap m = new LongIntMap(4);
        Map<Long, Integer> ref = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            long k = keys.get(i);
            m.put(k, i);
            if (k != 0) {
                ref.put(k, i);
            }
        }
        assertThat(m.size()).isEqualTo(ref.size());
        for (Long k : keys) {
            assertThat(m.get(k)).isEqualTo(ref.getOrDefault(k, LongIntMap.MISSING));
        }
        for (Long k : probes) {
            assertThat(m.get(k)).isEqualTo(ref.getOrDefault(k, LongIntMap.MISSING));
        }
        m.clear();
        assertThat(m.size()).isZero();
        for (Long k : keys) {
            assertThat(m.get(k)).isEqualTo(LongIntMap.MISSING);
        }
    }
}
