package org.nodeprocessexporter.collector;

/** The collector's source does not exist on this host (no bonding, no zfs, ...): not an error. */
public final class NoDataException extends Exception {
    public NoDataException(String message) {
        super(message);
    }
}
