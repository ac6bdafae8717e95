package org.nodeprocessexporter.procfs;

import java.util.Arrays;

/**
 * Open-addressing map from non-zero {@code long} keys (socket inodes) to {@code int} values (row
 * indexes), without boxing. Key 0 is the empty-slot marker and cannot be stored (inode 0 means "no
 * owner" anyway). Linear probing, load factor at most 1/2, reusable via {@link #clear()}.
 * Not thread-safe.
 */
public final class LongIntMap {
    /** Returned by {@link #get} for an absent key. */
    public static final int MISSING = -1;

    private long[] keys;
    private int[] values;
    private int mask;
    private int size;

    public LongIntMap() {
        this(16);
    }

    public LongIntMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(8, expected) * 2 - 1) << 1;
        keys = new long[cap];
        values = new int[cap];
        mask = cap - 1;
    }

    public int size() {
        return size;
    }

    public void clear() {
        if (size > 0) {
            Arrays.fill(keys, 0L);
            size = 0;
        }
    }

    /** Stores {@code key -> value}, replacing an earlier value; ignores key 0. */
    public void put(long key, int value) {
        if (key == 0) {
            return;
        }
        if ((size + 1) * 2 > keys.length) {
            rehash(keys.length * 2);
        }
        int i = slot(key);
        while (keys[i] != 0) {
            if (keys[i] == key) {
                values[i] = value;
                return;
            }
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = value;
        size++;
    }

    /** The value for {@code key}, or {@link #MISSING}. */
    public int get(long key) {
        if (key == 0) {
            return MISSING;
        }
        int i = slot(key);
        long k;
        while ((k = keys[i]) != 0) {
            if (k == key) {
                return values[i];
            }
            i = (i + 1) & mask;
        }
        return MISSING;
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    private void rehash(int cap) {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[cap];
        values = new int[cap];
        mask = cap - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            long k = oldKeys[i];
            if (k != 0) {
                int j = slot(k);
                while (keys[j] != 0) {
                    j = (j + 1) & mask;
                }
                keys[j] = k;
                values[j] = oldValues[i];
            }
        }
    }
}
